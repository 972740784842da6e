// 站点设置 and 修改记录 of the staff member's own site. Each section of the page posts on its own and calls
// siteSettings.update with only that part; the service checks it against the installed themes and plugins, stores it,
// audits it and applies it to the running site, so the redirect after saving already renders in the new settings.
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import type { StaffCredentials } from '../../../../core/auth/principals.js';
import { toErrorPayload } from '../../../../core/http/errors.js';
import { SUBJECT_TYPES, type SubjectType } from '../../../../core/tenancy/manifest.js';
import {
  mapErrors,
  parseSection,
  SECTIONS,
  settingsPage,
  type Posted,
  type Section,
} from './settings-form.js';
import { dateTime, pager, render, seeOther, staffOf } from '../../../../core/pages/index.js';
import { flash } from '../flash.js';

const AUDIT_PAGE_SIZE = 20;
const CHANGED_LABELS: Record<string, string> = {
  theme: '主题',
  employerTags: '单位标记',
  reviewPolicies: '审核策略',
  widgetOrigins: '组件来源',
};

async function settingsView(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: StaffCredentials,
  posted: Posted | null,
  flashText?: string,
  status = 200,
) {
  const site = request.app.xz.site;
  const view = await service(app, 'siteSettings').view(site.slug);
  const tagSet = app.tenantPlugins.firstContribution(site.slug, 'employerTags')?.();
  const page = settingsPage(app, view, posted, tagSet?.maxPerEmployer ?? null);
  return render(request, h, 'site-settings/settings', {
    data: {
      alerts: { flash: flashText, summary: page.summary },
      form: page,
      updatedAt: page.updatedAt ? dateTime(page.updatedAt) : null,
    },
    title: '站点设置',
    status: status,
    menu: 'settings',
  });
}

interface Snapshot {
  theme?: { name: string; settings: Record<string, unknown> };
  employerTags?: { id: string; name: string }[];
  reviewPolicies?: Record<string, { plugin: string; options: Record<string, unknown> }>;
  widgetOrigins?: string[];
}

function short(value: unknown): string {
  if (value === undefined || value === null || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return value.length > 30 ? `${value.slice(0, 30)}…` : value;
  return '（已修改）';
}

/** What one audited change did, in a few lines staff can read. */
function describe(app: App, before: Snapshot, after: Snapshot, changed: string[]): string[] {
  const lines: string[] = [];
  const themeLabel = (name?: string) => (name ? (app.themes.get(name)?.label ?? name) : '');
  if (changed.includes('theme') && before.theme && after.theme) {
    if (before.theme.name !== after.theme.name)
      lines.push(`主题：${themeLabel(before.theme.name)} → ${themeLabel(after.theme.name)}`);
    const defs = app.themes.get(after.theme.name)?.manifest.settings ?? {};
    for (const [key, def] of Object.entries(defs)) {
      if (!(key in before.theme.settings)) continue;
      const a = before.theme.settings[key];
      const b = after.theme.settings[key];
      if (JSON.stringify(a) === JSON.stringify(b)) continue;
      lines.push(
        def.type === 'navigation' ? `${def.label}：已修改` : `${def.label}：${short(a)} → ${short(b)}`,
      );
    }
  }
  if (changed.includes('employerTags')) {
    const was = new Map((before.employerTags ?? []).map((t) => [t.id, t.name]));
    const now = new Map((after.employerTags ?? []).map((t) => [t.id, t.name]));
    const added = [...now].filter(([id]) => !was.has(id)).map(([, n]) => n);
    const removed = [...was].filter(([id]) => !now.has(id)).map(([, n]) => n);
    const renamed = [...now].filter(([id, n]) => was.has(id) && was.get(id) !== n);
    if (added.length) lines.push(`单位标记：增加 ${added.join('、')}`);
    if (removed.length) lines.push(`单位标记：删除 ${removed.join('、')}`);
    for (const [id, n] of renamed) lines.push(`单位标记：${was.get(id)} 改为 ${n}`);
    if (!added.length && !removed.length && !renamed.length) lines.push('单位标记：顺序已调整');
  }
  if (changed.includes('reviewPolicies')) {
    const label = (p?: string) => (p ? (app.tenantPlugins.definition(p)?.label ?? p) : '');
    for (const type of SUBJECT_TYPES) {
      const a = before.reviewPolicies?.[type];
      const b = after.reviewPolicies?.[type];
      if (JSON.stringify(a) === JSON.stringify(b)) continue;
      const what = service(app, 'reviews').typeLabel(type as SubjectType);
      lines.push(
        a?.plugin !== b?.plugin
          ? `${what}：${label(a?.plugin)} → ${label(b?.plugin)}`
          : `${what}：${label(b?.plugin)}的选项已修改`,
      );
    }
  }
  if (changed.includes('widgetOrigins')) {
    const was = before.widgetOrigins ?? [];
    const now = after.widgetOrigins ?? [];
    const added = now.filter((o) => !was.includes(o));
    const removed = was.filter((o) => !now.includes(o));
    if (added.length) lines.push(`组件来源：增加 ${added.join('、')}`);
    if (removed.length) lines.push(`组件来源：删除 ${removed.join('、')}`);
  }
  return lines;
}

export function settingsPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/admin/settings',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: async (request, h) => {
          const c = staffOf(request);
          return settingsView(app, request, h, c, null, flash((request.query as { done?: string }).done));
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/settings',
      options: {
        app: { page: { audience: 'staff' } },
        handler: async (request, h) => {
          const c = staffOf(request);
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const section = payload.section as Section;
          if (!SECTIONS.includes(section)) return seeOther(request, h, '/admin/settings');
          const slug = request.app.xz.site.slug;
          const parsed = parseSection(app, await service(app, 'siteSettings').view(slug), section, payload);
          try {
            await service(app, 'siteSettings').update(c, slug, parsed.input);
          } catch (err) {
            if (!Boom.isBoom(err) || err.output.statusCode >= 500) throw err;
            const error = toErrorPayload(err);
            const { errors, top } = mapErrors(parsed, section, error.details ?? []);
            if (!error.details?.length) top.push(error.message);
            return settingsView(
              app,
              request,
              h,
              c,
              { section, payload, errors, top },
              undefined,
              error.statusCode,
            );
          }
          return seeOther(request, h, '/admin/settings', 'saved');
        },
      },
    },
    {
      method: 'GET',
      path: '/admin/settings/audit',
      options: {
        app: { page: { audience: 'staff' } },
        validate: {
          query: Joi.object({ page: Joi.number().integer().min(1).max(10_000).default(1) }).unknown(true),
        },
        handler: async (request, h) => {
          const { page } = request.query as { page: number };
          const result = await service(app, 'siteSettings').audit(
            request.app.xz.site.slug,
            page,
            AUDIT_PAGE_SIZE,
          );
          return render(request, h, 'site-settings/audit', {
            data: {
              items: result.items.map((item) => ({
                version: item.version,
                at: dateTime(item.at),
                by: item.by ?? '（已删除的账号）',
                changed: item.changed.map((k) => CHANGED_LABELS[k] ?? k),
                lines: describe(app, item.before as Snapshot, item.after as Snapshot, item.changed),
              })),
              pager: pager('/admin/settings/audit', {}, page, AUDIT_PAGE_SIZE, result.total),
            },
            title: '修改记录',
            menu: 'audit',
          });
        },
      },
    },
  ];
}
