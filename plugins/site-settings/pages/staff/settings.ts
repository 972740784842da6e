// 站点设置 and 修改记录 of the staff member's own site. Each section of the page posts on its own and calls
// siteSettings.update with only that part; the service checks it against the installed themes and plugins, stores it,
// audits it and applies it to the running site, so the redirect after saving already renders in the new settings.
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import type { StaffCredentials } from '../../../../core/auth/principals.js';
import { toErrorPayload } from '../../../../core/http/errors.js';
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
  widgetOrigins: '嵌入来源',
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
          const current = await service(app, 'siteSettings').view(slug);
          const parsed = parseSection(app, current, section, payload);
          let version: number;
          try {
            ({ version } = await service(app, 'siteSettings').update(c, slug, parsed.input));
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
          return seeOther(request, h, '/admin/settings', version === current.version ? 'unchanged' : 'saved');
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
                diff: item.diff,
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
