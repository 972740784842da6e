// 单位中心首页: certification on the main site, the school sites joined or applied to, the accounts, and the jobs and
// fair bookings the account may see. Info sessions, applications and signing join this page when those modules open.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import type { EmployerCredentials } from '../../../accounts/permissions.js';
import { render } from '../../../../core/pages/index.js';
import { employerOf } from '../../../accounts/permissions.js';
import { flash } from '../flash.js';

const MEMBERSHIP_LABELS = { approved: '已入驻', pending: '审核中', rejected: '未通过' } as const;

/** Counts of the modules the account may use (permissions decide what is shown). */
async function homeStats(app: App, c: EmployerCredentials) {
  const jobs = service(app, 'jobs');
  const one = { page: 1, pageSize: 1 };
  const [active, expired, bookings] = await Promise.all([
    c.permissions.includes('jobs') ? jobs.list(c, { tab: 'active', ...one }) : null,
    c.permissions.includes('jobs') ? jobs.list(c, { tab: 'expired', ...one }) : null,
    c.permissions.includes('fairs') ? service(app, 'fairs').mine(c) : null,
  ]);
  const live = bookings?.items.filter((b) => b.status === 'pending' || b.status === 'approved') ?? [];
  return {
    jobs: active && expired ? { active: active.total, expired: expired.total } : null,
    fairs: bookings
      ? { active: live.length, pending: live.filter((b) => b.status === 'pending').length }
      : null,
  };
}

export function homePages(app: App): ServerRoute {
  return {
    method: 'GET',
    path: '/employer',
    options: {
      app: { page: { audience: 'employer' } },
      validate: { query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
      handler: async (request, h) => {
        const c = employerOf(request);
        const [profile, rows, list, stats] = await Promise.all([
          service(app, 'employers').profile(c.employerId),
          service(app, 'memberships').forEmployer(c.employerId),
          service(app, 'accounts').list(c.employerId),
          homeStats(app, c),
        ]);
        const sites = rows
          .map((m) => ({ m, site: app.sites.byId(m.site_id) }))
          .filter(({ site }) => site && !site.isMain)
          .map(({ m, site }) => ({
            name: site!.name,
            status: m.status,
            label: MEMBERSHIP_LABELS[m.status],
            comment: m.status === 'rejected' ? m.comment : null,
          }))
          .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
        const certification = {
          status: profile.status,
          comment: profile.status === 'rejected' ? profile.certification?.comment : null,
          complete: profile.profileComplete,
          missing: profile.missingFields.map((f) => f.label),
          usccPending: !profile.usccCheckPassed && !profile.usccVerifiedByStaff,
        };
        return render(request, h, 'employers/home', {
          data: {
            flash: flash((request.query as { done?: string }).done),
            certification,
            statusIs: { [profile.status]: true },
            eSign: profile.eSign,
            sites: {
              joined: sites.filter((s) => s.status === 'approved'),
              other: sites.filter((s) => s.status !== 'approved'),
            },
            stats,
            accountCount: list.length,
            activeAccountCount: list.filter((a) => !a.disabled).length,
          },
          title: '单位中心',
          menu: 'home',
        });
      },
    },
  };
}
