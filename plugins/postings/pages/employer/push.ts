// 推送分站 (user guide §5 and §7): the ticked postings — jobs or announcements — published to more joined school
// sites. One page and one pair of routes for both kinds; each new copy is reviewed by its site like any other. The
// rules (own postings only, joined sites only, expired jobs left out) are the services'; this only shows them.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { App } from '../../../../core/app.js';
import type { EmployerCredentials } from '../../../accounts/permissions.js';
import { slugList } from '../../../jobs/schemas.js';
import type { PublicationView } from '../../publications.js';
import { FormErrors, errorSummary, failure, list, render, seeOther } from '../../../../core/pages/index.js';
import { employerOf } from '../../../accounts/permissions.js';
import { MAX_PUSH, idsQuery, joinedSites, parseIds, siteChoices, siteFieldset } from '../posting-pages.js';

interface Pushable {
  id: number;
  title: string;
  publications: PublicationView[];
  /** Expired jobs are shown but not pushed. */
  expired?: boolean;
}

export interface PushKind {
  /** 'jobs' or 'announcements': the path under /employer and the employer-centre menu entry. */
  kind: 'jobs' | 'announcements';
  /** 职位 or 公告, and its measure word (个 / 条). */
  noun: string;
  measure: string;
  /** The list page's title (管理招聘职位 …), named in the hint when nothing is ticked. */
  listTitle: string;
  get(c: EmployerCredentials, id: number): Promise<Pushable>;
  push(c: EmployerCredentials, ids: number[], slugs: string[]): Promise<{ created: number }>;
}

/** The flash after a push, from the count of new publications the list page receives. */
export function pushedText(created: number | undefined, noun: string): string | undefined {
  if (created === undefined) return undefined;
  return created > 0
    ? `已推送分站：新增 ${created} 个站点发布，等待各站点审核。`
    : `所选站点均已发布过所选${noun}，没有新增发布。`;
}

async function pushPage(
  app: App,
  k: PushKind,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  ids: number[] | null,
  state: { chosen?: string[]; errors?: FormErrors; message?: string },
  status = 200,
) {
  const base = `/employer/${k.kind}`;
  const selected = ids ?? [];
  const [items, joined] = await Promise.all([
    Promise.all(selected.slice(0, MAX_PUSH).map((id) => k.get(c, id))),
    joinedSites(app, c.employerId),
  ]);
  const pushable = items.filter((i) => !i.expired);
  const published = new Map<string, number>();
  for (const item of pushable)
    for (const p of item.publications) published.set(p.site.slug, (published.get(p.site.slug) ?? 0) + 1);
  const errors = state.errors ?? {};
  const choices = siteChoices(joined, state.chosen ?? [], 'push', { counts: published, of: pushable.length });
  return render(request, h, 'postings/push', {
    data: {
      noun: k.noun,
      listHref: base,
      action: `${base}/push`,
      alerts: {
        message:
          state.message ??
          (selected.length === 0
            ? `请先在“${k.listTitle}”的列表中勾选要推送的${k.noun}`
            : selected.length > MAX_PUSH
              ? `一次最多推送 ${MAX_PUSH} ${k.measure}${k.noun}`
              : undefined),
        summary: errorSummary(errors, { siteSlugs: '推送站点' }, 'push'),
      },
      items: items.map((i) => ({
        id: i.id,
        title: i.title,
        href: `${base}/${i.id}`,
        note: i.expired ? '已失效，不能推送' : `已发布 ${i.publications.length} 个站点`,
        excluded: !!i.expired,
      })),
      ids: pushable.map((i) => i.id),
      canPush: pushable.length > 0 && selected.length <= MAX_PUSH,
      canChoose: choices.some((s) => !s.disabled),
      allPublished: choices.length > 0 && choices.every((s) => s.disabled),
      sites: siteFieldset(
        'push',
        choices,
        errors.siteSlugs,
        '推送到以下已入驻站点',
        '只能选择已入驻的学校分站；省级主站已默认发布。新增的站点同样需要等待该站审核。',
      ),
    },
    title: '推送分站',
    status: status,
    menu: k.kind,
  });
}

/** GET and POST /employer/{jobs|announcements}/push. */
export function pushPages(app: App, k: PushKind): ServerRoute[] {
  const base = `/employer/${k.kind}`;
  const page = { audience: 'employer', permission: k.kind } as const;
  const outOfRange = (ids: number[] | null) => !ids || ids.length === 0 || ids.length > MAX_PUSH;
  return [
    {
      method: 'GET',
      path: `${base}/push`,
      options: {
        app: { page },
        validate: { query: Joi.object({ ids: idsQuery }).unknown(true) },
        handler: async (request, h) => {
          const c = employerOf(request);
          const ids = parseIds((request.query as { ids: unknown }).ids);
          return pushPage(app, k, request, h, c, ids, {}, outOfRange(ids) ? 400 : 200);
        },
      },
    },
    {
      method: 'POST',
      path: `${base}/push`,
      options: {
        app: { page },
        handler: async (request, h) => {
          const c = employerOf(request);
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const ids = parseIds(list(payload.ids));
          const chosen = list(payload.siteSlugs);
          if (outOfRange(ids)) return pushPage(app, k, request, h, c, ids, { chosen }, 400);
          const checked = slugList.min(1).required().validate(chosen);
          if (checked.error) {
            const errors = { siteSlugs: '请选择要推送的站点' };
            return pushPage(app, k, request, h, c, ids, { chosen, errors }, 400);
          }
          try {
            const { created } = await k.push(c, ids!, checked.value as string[]);
            return seeOther(request, h, `${base}?created=${created}`, 'pushed');
          } catch (err) {
            const f = failure(err, ['siteSlugs'], { SITE_NOT_JOINED: 'siteSlugs' });
            const state = { chosen, errors: f.errors, message: f.message };
            return pushPage(app, k, request, h, c, ids, state, f.status);
          }
        },
      },
    },
  ];
}
