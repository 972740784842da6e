// 登录学校分站: the school sites as two tabs, 已入驻 (approved: 打开网站, 一键登录) and 未入驻 (never applied, pending or
// rejected: 申请入驻), searchable by name and filtered by city and level. Applying is a page of its own (the site's
// employer tags as checkboxes) so it works without JavaScript; the rules are the membership service's, called exactly
// as POST /api/v1/employer/sites/{slug}/membership calls it.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { appError } from '../../../../core/http/errors.js';
import { SITE_LEVELS } from '../../../../core/tenancy/manifest.js';
import type { Site } from '../../../../core/tenancy/sites.js';
import type { EmployerCredentials } from '../../../accounts/permissions.js';
import {
  FormErrors,
  dateTime,
  failure,
  list,
  pager,
  render,
  seeOther,
} from '../../../../core/pages/index.js';
import { employerOf } from '../../../accounts/permissions.js';
import { flash } from '../flash.js';

const PAGE_SIZE = 20;
type Tab = 'joined' | 'unjoined';

interface ListQuery {
  tab: Tab;
  q: string;
  city: string;
  level: string;
  page: number;
  done?: string;
  site?: string;
}

const slugParams = Joi.object({
  slug: Joi.string()
    .pattern(/^[a-z0-9-]+$/)
    .max(40)
    .required(),
});

const MEMBERSHIP = {
  pending: { label: '待审核', tone: 'warning' },
  rejected: { label: '未通过', tone: 'danger' },
  approved: { label: '已入驻', tone: 'success' },
} as const;

/** The outcome of applying, by the membership's status right after it (the site's policy may decide at once). */
const OUTCOMES: Record<string, (site: string) => string> = {
  joined: (site) => `${site}：审核通过，已入驻。现在可以一键登录该学校分站。`,
  applied: (site) => `${site}：已提交，等待学校审核。`,
  refused: (site) => `${site}：入驻申请未通过，请查看审核意见。`,
};

function schoolOf(app: App, slug: string): Site {
  const site = app.sites.get(slug);
  if (!site || site.isMain) throw appError(404, 'NOT_FOUND', '学校站点不存在');
  return site;
}

function policyLabel(app: App, site: Site): string {
  const name = site.reviewPolicies.membership.plugin;
  return app.tenantPlugins.definition(name)?.label ?? name;
}

async function listPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  q: ListQuery,
  extra: { message?: string; status?: number } = {},
) {
  const memberships = service(app, 'memberships');
  const filter = { q: q.q || undefined, city: q.city || undefined, level: q.level || undefined };
  const other: Tab = q.tab === 'joined' ? 'unjoined' : 'joined';
  const [result, otherCount, profile] = await Promise.all([
    memberships.listForEmployer(c.employerId, { tab: q.tab, ...filter, page: q.page, pageSize: PAGE_SIZE }),
    memberships.listForEmployer(c.employerId, { tab: other, ...filter, page: 1, pageSize: 1 }),
    service(app, 'employers').profile(c.employerId),
  ]);
  const cities = [...new Set(app.sites.schools().map((s) => s.city))].sort((a, b) =>
    a.localeCompare(b, 'zh'),
  );
  const query = { q: q.q, city: q.city, level: q.level };
  const tabHref = (tab: Tab) => {
    const params = new URLSearchParams({ tab });
    for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
    return `/employer/sites?${params.toString()}`;
  };
  const counts = { [q.tab]: result.total, [other]: otherCount.total } as Record<Tab, number>;
  const doneSite = q.site ? app.sites.get(q.site) : undefined;
  const outcome = q.done && doneSite && OUTCOMES[q.done] ? OUTCOMES[q.done]!(doneSite.name) : undefined;
  return render(request, h, 'network/sites', {
    data: {
      alerts: { flash: outcome ?? flash(q.done), message: extra.message },
      joinedTab: q.tab === 'joined',
      tabs: (['joined', 'unjoined'] as Tab[]).map((tab) => ({
        label: tab === 'joined' ? '已入驻' : '未入驻',
        count: counts[tab],
        href: tabHref(tab),
        current: tab === q.tab,
      })),
      filter: {
        tab: q.tab,
        q: q.q,
        cities: cities.map((city) => ({ value: city, selected: city === q.city })),
        levels: SITE_LEVELS.filter((l) => l !== '主站').map((l) => ({ value: l, selected: l === q.level })),
        active: !!(q.q || q.city || q.level),
      },
      notSubmitted: !profile.submittedAt,
      rows: result.items.map(({ site, membership }) => {
        const state = membership ? MEMBERSHIP[membership.status] : { label: '未申请', tone: 'muted' };
        return {
          slug: site.slug,
          name: site.name,
          city: site.city,
          level: site.level,
          siteUrl: site.url,
          // confirmed tags, then the ones asked for that the school has not confirmed (yet)
          tags: membership
            ? [
                ...membership.tags.map((t) => t.name),
                ...membership.requestedTags
                  .filter((r) => !membership.tags.some((t) => t.id === r.id))
                  .map((t) => `${t.name}（待学校确认）`),
              ]
            : [],
          status: state,
          comment: membership?.status === 'rejected' ? membership.comment : null,
          appliedAt: membership ? dateTime(membership.appliedAt) : null,
          canApply: !membership || membership.status === 'rejected',
          reapply: membership?.status === 'rejected',
        };
      }),
      total: result.total,
      pager: pager('/employer/sites', { tab: q.tab, ...query }, q.page, PAGE_SIZE, result.total),
    },
    title: '登录学校分站',
    status: extra.status,
    menu: 'sites',
  });
}

interface ApplyForm {
  chosen?: string[];
  errors?: FormErrors;
  message?: string;
  profileIncomplete?: boolean;
}

async function applyPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  site: Site,
  form: ApplyForm,
  status = 200,
) {
  const [membership, profile] = await Promise.all([
    service(app, 'memberships').get(c.employerId, site),
    service(app, 'employers').profile(c.employerId),
  ]);
  const tagSet = app.tenantPlugins.firstContribution(site.slug, 'employerTags')?.();
  const tags = tagSet?.tags ?? [];
  const chosen = form.chosen ?? (membership?.status === 'rejected' ? membership.requested_tag_ids : []);
  const errors = form.errors ?? {};
  return render(request, h, 'network/site-apply', {
    data: {
      alerts: {
        message: form.message,
        summary: errors.tagIds ? [{ href: '#xz-f-tagIds', text: `单位标记：${errors.tagIds}` }] : [],
      },
      school: {
        slug: site.slug,
        name: site.name,
        city: site.city,
        level: site.level,
        url: site.url,
        policy: policyLabel(app, site),
      },
      membership: membership
        ? {
            pending: membership.status === 'pending',
            approved: membership.status === 'approved',
            rejected: membership.status === 'rejected',
            comment: membership.comment,
            appliedAt: dateTime(membership.applied_at),
          }
        : null,
      canApply: !membership || membership.status === 'rejected',
      profileIncomplete: form.profileIncomplete || !profile.submittedAt,
      tags: tags.map((t) => ({ id: t.id, name: t.name, checked: chosen.includes(t.id) })),
      maxPerEmployer: tagSet?.maxPerEmployer ?? 0,
      tagError: errors.tagIds,
    },
    title: `申请入驻${site.name}`,
    status: status,
    menu: 'sites',
  });
}

export function sitePages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/employer/sites',
      options: {
        app: { page: { audience: 'employer', permission: 'sites' } },
        validate: {
          query: Joi.object({
            tab: Joi.string().valid('joined', 'unjoined').default('joined'),
            q: Joi.string().trim().max(40).allow('').default(''),
            city: Joi.string().trim().max(20).allow('').default(''),
            level: Joi.string()
              .valid(...SITE_LEVELS, '')
              .default(''),
            page: Joi.number().integer().min(1).max(1000).default(1),
            done: Joi.string().max(40),
            site: Joi.string().max(40),
          }).unknown(true),
        },
        handler: async (request, h) => {
          const c = employerOf(request);
          return listPage(app, request, h, c, request.query as unknown as ListQuery);
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/sites/{slug}/sso',
      options: {
        app: { page: { audience: 'employer', permission: 'sites' } },
        validate: { params: slugParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const site = schoolOf(app, (request.params as { slug: string }).slug);
          try {
            const { url } = await service(app, 'sso').issue(c, site.slug);
            return h.redirect(url).code(303).header('Cache-Control', 'no-store');
          } catch (err) {
            const f = failure(err, []);
            const query: ListQuery = { tab: 'joined', q: '', city: '', level: '', page: 1 };
            return listPage(app, request, h, c, query, { message: f.message, status: f.status });
          }
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/sites/{slug}/apply',
      options: {
        app: { page: { audience: 'employer', permission: 'sites' } },
        validate: { params: slugParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const site = schoolOf(app, (request.params as { slug: string }).slug);
          return applyPage(app, request, h, c, site, {});
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/sites/{slug}/apply',
      options: {
        app: { page: { audience: 'employer', permission: 'sites' } },
        validate: { params: slugParams },
        handler: async (request, h) => {
          const c = employerOf(request);
          const site = schoolOf(app, (request.params as { slug: string }).slug);
          const tagIds = list((request.payload as Record<string, unknown> | null)?.tagIds);
          try {
            if (tagIds.length > 10 || tagIds.some((t) => !/^[a-z0-9-]{1,40}$/.test(t)))
              throw appError(400, 'UNKNOWN_TAG', '所选单位标记不是该学校设置的标记');
            const employer = await service(app, 'employers').get(c.employerId);
            const membership = await service(app, 'memberships').applyAsEmployer(
              { id: employer.id, name: employer.name, profileSubmitted: !!employer.profile_submitted_at },
              c.id,
              site,
              tagIds,
            );
            const done =
              membership.status === 'approved'
                ? 'joined'
                : membership.status === 'pending'
                  ? 'applied'
                  : 'refused';
            const tab = membership.status === 'approved' ? 'joined' : 'unjoined';
            return seeOther(request, h, `/employer/sites?tab=${tab}&site=${site.slug}`, done);
          } catch (err) {
            const f = failure(err, ['tagIds'], { UNKNOWN_TAG: 'tagIds' });
            return applyPage(
              app,
              request,
              h,
              c,
              site,
              {
                chosen: tagIds,
                errors: f.errors,
                message: f.message,
                profileIncomplete: f.code === 'PROFILE_INCOMPLETE',
              },
              f.status,
            );
          }
        },
      },
    },
  ];
}
