// 单位中心首页: certification on the main site, the school sites joined or applied to, the accounts, and the jobs and
// fair bookings the account may see: each feature contributes its own card (app.pages.homeCard), shown by permission.
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { render } from '../../../../core/pages/index.js';
import { employerOf } from '../../../accounts/permissions.js';
import { flash } from '../flash.js';

const MEMBERSHIP_LABELS = { approved: '已入驻', pending: '审核中', rejected: '未通过' } as const;

export function homePages(app: App): ServerRoute {
  return {
    method: 'GET',
    path: '/employer',
    options: {
      app: { page: { audience: 'employer' } },
      validate: { query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
      handler: async (request, h) => {
        const c = employerOf(request);
        const [profile, rows, list, cards] = await Promise.all([
          service(app, 'employers').profile(c.employerId),
          service(app, 'memberships').forEmployer(c.employerId),
          service(app, 'accounts').list(c.employerId),
          app.pages.homeCards(request, c),
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
            cards,
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
