// 嵌入代码 in the staff console: builds the snippet a school pastes on its own website (widget type, filters, colours as
// --xz-* CSS tokens) and shows the real widget with those settings on the page. The form is a GET: without JavaScript
// 生成代码 re-renders the snippet and the preview on the server; with it (embed.js) both follow every change at once.
// 添加来源 posts one origin to the site's widget origins through siteSettings.update (checked, applied, audited like
// 站点设置), so the widget's sign-in and booking work on that website in one step.
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { join } from 'node:path';
import { service, type App } from '../../../../core/app.js';
import { toErrorPayload } from '../../../../core/http/errors.js';
import { flashTexts, render, seeOther, staffOf } from '../../../../core/pages/index.js';
import { ROOT } from '../../../../core/paths.js';
import { WIDGET_SCRIPT } from '../../../../core/theming/render.js';
import { DEGREES, JOB_CATEGORIES } from '../../../postings/vocab.js';

export const EMBED_SCRIPT = '/assets/widgets/1/embed.js';

// `page` and `link`: where the snippet's <noscript> link leads visitors without JavaScript (empty page: the site's home).
const WIDGETS = [
  { value: 'job-list', tag: 'xz-job-list', label: '职位列表', page: 'jobs', link: '查看招聘职位' },
  { value: 'fair-list', tag: 'xz-fair-list', label: '招聘会列表', page: 'fairs', link: '查看招聘会' },
  {
    value: 'presentation-list',
    tag: 'xz-presentation-list',
    label: '宣讲会列表',
    page: 'presentations',
    link: '查看宣讲会',
  },
  { value: 'booking', tag: 'xz-fair-booking', label: '招聘会展位预定', page: 'fairs', link: '查看招聘会' },
  { value: 'site-card', tag: 'xz-site-card', label: '站点名片', page: '', link: '' },
] as const;
type Widget = (typeof WIDGETS)[number]['value'];

const COLOURS = [
  { key: 'primary', token: '--xz-color-primary', label: '主色' },
  { key: 'accent', token: '--xz-color-accent', label: '强调色' },
] as const;

const flash = flashTexts({
  added: '已添加嵌入来源，该网站上的组件现在可以登录和预定。修改已记入修改记录。',
  present: '该来源已在本站的嵌入来源中，无需再次添加。',
});

const HEX = /^#[0-9a-fA-F]{6}$/;
const ORIGIN = /^https?:\/\/[^/?#\s]+$/;

interface Choices {
  widget: Widget;
  q: string;
  city: string;
  degree: string;
  category: string;
  pageSize: number;
  limit: number;
  fair: string;
  mode: string;
  days: string;
  primary: string;
  accent: string;
  radius: string;
  origin: string;
}

const query = Joi.object({
  widget: Joi.string()
    .valid(...WIDGETS.map((w) => w.value))
    .default('job-list'),
  q: Joi.string().trim().max(40).allow('').default(''),
  city: Joi.string().trim().max(20).allow('').default(''),
  degree: Joi.string()
    .valid('', ...DEGREES)
    .default(''),
  category: Joi.string()
    .valid('', ...JOB_CATEGORIES)
    .default(''),
  pageSize: Joi.number().integer().min(1).max(50).default(10),
  limit: Joi.number().integer().min(1).max(20).default(5),
  fair: Joi.string()
    .pattern(/^\d{0,10}$/)
    .allow('')
    .default(''),
  mode: Joi.string().valid('', 'online', 'offline').default(''),
  days: Joi.string()
    .pattern(/^([1-9]\d?|[1-2]\d\d|3[0-5]\d|36[0-6])$/)
    .allow('')
    .default(''),
  primary: Joi.string().trim().allow('').max(7).default(''),
  accent: Joi.string().trim().allow('').max(7).default(''),
  radius: Joi.string().valid('', '0', '4', '8', '16').default(''),
  origin: Joi.string().trim().max(200).allow('').default(''),
  done: Joi.string().max(40),
}).unknown(true);

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The snippet's element and its attributes (empty values are left out). */
function element(slug: string, c: Choices): { tag: string; attrs: [string, string][] } {
  const tag = WIDGETS.find((w) => w.value === c.widget)!.tag;
  const attrs: [string, string][] = [['site', slug]];
  if (c.widget === 'job-list') {
    if (c.q) attrs.push(['q', c.q]);
    if (c.city) attrs.push(['city', c.city]);
    if (c.degree) attrs.push(['degree', c.degree]);
    if (c.category) attrs.push(['category', c.category]);
    attrs.push(['page-size', String(c.pageSize)]);
  }
  if (c.widget === 'fair-list') attrs.push(['limit', String(c.limit)]);
  if (c.widget === 'booking' && c.fair) attrs.push(['fair', c.fair]);
  if (c.widget === 'presentation-list') {
    if (c.mode) attrs.push(['mode', c.mode]);
    if (c.days) attrs.push(['days', c.days]);
  }
  return { tag, attrs };
}

/** The --xz-* tokens the chosen colours set (invalid colours are reported, not used). */
function tokens(c: Choices): string {
  const set: string[] = [];
  for (const colour of COLOURS) if (HEX.test(c[colour.key])) set.push(`${colour.token}: ${c[colour.key]}`);
  if (c.radius) set.push(`--xz-radius: ${c.radius}px`);
  return set.join('; ');
}

/** The link for browsers without JavaScript: the page of the site that shows what the widget shows. */
function fallback(site: { name: string; url: string }, widget: Widget): string {
  const w = WIDGETS.find((x) => x.value === widget) ?? WIDGETS[0];
  const base = site.url.endsWith('/') ? site.url : `${site.url}/`;
  const href = w.page ? `${base}${w.page}` : site.url;
  const text = w.link || `${site.name}就业信息网`;
  return `<noscript><a href="${esc(href)}">${esc(text)}</a></noscript>`;
}

/** The HTML to paste: the script, the element with its colours, and a link for browsers without JavaScript. */
export function snippet(
  origin: string,
  site: { slug: string; name: string; url: string },
  c: Choices,
): string {
  const { tag, attrs } = element(site.slug, c);
  const style = tokens(c);
  const attributes = [...attrs, ...(style ? ([['style', style]] as [string, string][]) : [])]
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
  return [
    `<script type="module" src="${origin}${WIDGET_SCRIPT}"></script>`,
    `<${tag}${attributes}></${tag}>`,
    fallback(site, c.widget),
  ].join('\n');
}

function originOf(request: Request): string {
  const proto = (request.headers['x-forwarded-proto'] as string | undefined) ?? request.server.info.protocol;
  return `${proto}://${request.info.host}`;
}

async function embedPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: Choices,
  extra: { flash?: string; originError?: string; status?: number } = {},
) {
  const site = request.app.xz.site;
  const settings = await service(app, 'siteSettings').view(site.slug);
  const fairs = await service(app, 'fairs').upcomingForSite(site, 20);
  const { tag, attrs } = element(site.slug, c);
  const colourErrors = COLOURS.filter((k) => c[k.key] && !HEX.test(c[k.key])).map((k) => ({
    key: k.key,
    text: `${k.label}应为 # 加 6 位十六进制数，如 #1f5fa8`,
  }));
  const errorOf = (key: string) => colourErrors.find((e) => e.key === key)?.text;
  const summary = [
    ...colourErrors.map((e) => ({ href: `#xz-embed-${e.key}`, text: e.text })),
    ...(extra.originError ? [{ href: '#xz-embed-origin', text: extra.originError }] : []),
  ];
  return render(request, h, 'widgets/embed', {
    title: '嵌入代码',
    menu: 'embed',
    status: extra.status ?? (colourErrors.length ? 400 : 200),
    data: {
      alerts: { flash: extra.flash, summary },
      choices: c,
      widgets: WIDGETS.map((w) => ({
        ...w,
        checked: w.value === c.widget,
        fallback: fallback(site, w.value),
      })),
      isJobList: c.widget === 'job-list',
      isFairList: c.widget === 'fair-list',
      isBooking: c.widget === 'booking',
      isPresentationList: c.widget === 'presentation-list',
      modes: [
        { value: '', label: '全部（空中和线下）' },
        { value: 'online', label: '空中宣讲会' },
        { value: 'offline', label: '线下宣讲会' },
      ].map((m) => ({ ...m, selected: m.value === c.mode })),
      degrees: DEGREES.map((d) => ({ value: d, selected: d === c.degree })),
      categories: JOB_CATEGORIES.map((d) => ({ value: d, selected: d === c.category })),
      fairs: fairs.map((f) => ({ id: String(f.id), title: f.title, selected: String(f.id) === c.fair })),
      colours: COLOURS.map((k) => ({
        ...k,
        id: `xz-embed-${k.key}`,
        value: c[k.key],
        picker: HEX.test(c[k.key]) ? c[k.key].toLowerCase() : '#1f5fa8',
        error: errorOf(k.key),
      })),
      radii: [
        { value: '', label: '组件默认' },
        { value: '0', label: '直角' },
        { value: '4', label: '小圆角' },
        { value: '8', label: '中圆角' },
        { value: '16', label: '大圆角' },
      ].map((r) => ({ ...r, selected: r.value === c.radius })),
      snippet: snippet(originOf(request), site, c),
      // the real widget with the snippet's attributes (escaped here; the view places it as is)
      preview: {
        html: `<${tag} id="xz-embed-widget"${attrs.map(([k, v]) => ` ${k}="${esc(v)}"`).join('')}></${tag}>`,
        style: tokens(c),
      },
      origins: settings.widgetOrigins,
      origin: { value: c.origin, error: extra.originError },
      query: new URLSearchParams(
        Object.entries(c).filter(([k, v]) => k !== 'origin' && v !== '') as [string, string][],
      ).toString(),
      embedScript: EMBED_SCRIPT,
    },
  });
}

function choicesOf(raw: Record<string, unknown>): Choices {
  const { value } = query.validate(raw, { stripUnknown: true });
  return value as Choices;
}

export function embedPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/admin/embed',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { query },
        handler: (request, h) => {
          staffOf(request);
          const q = request.query as unknown as Choices & { done?: string };
          return embedPage(app, request, h, q, { flash: flash(q.done) });
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/embed/origins',
      options: {
        app: { page: { audience: 'staff' } },
        handler: async (request, h) => {
          const c = staffOf(request);
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const choices = choicesOf(
            typeof payload.query === 'string' ? Object.fromEntries(new URLSearchParams(payload.query)) : {},
          );
          const origin = String(payload.origin ?? '')
            .trim()
            .replace(/\/$/, '');
          choices.origin = origin;
          const back = (done: string) => {
            const q = new URLSearchParams(
              Object.entries(choices).filter(([k, v]) => k !== 'origin' && v !== '') as [string, string][],
            );
            q.set('done', done);
            return seeOther(request, h, `/admin/embed?${q.toString()}`);
          };
          if (!ORIGIN.test(origin))
            return embedPage(app, request, h, choices, {
              status: 400,
              originError: origin
                ? `网站来源“${origin}”应只写协议和域名，如 https://www.example.edu.cn（不带路径）`
                : '请填写要嵌入组件的网站来源，如 https://www.example.edu.cn',
            });
          const slug = request.app.xz.site.slug;
          const current = await service(app, 'siteSettings').view(slug);
          if (current.widgetOrigins.includes(origin)) return back('present');
          try {
            await service(app, 'siteSettings').update(
              c,
              slug,
              { widgetOrigins: [...current.widgetOrigins, origin] },
              current.version,
            );
          } catch (err) {
            if (!Boom.isBoom(err) || err.output.statusCode >= 500) throw err;
            const error = toErrorPayload(err);
            const text =
              error.details?.find((d) => d.path.startsWith('widgetOrigins'))?.message ?? error.message;
            return embedPage(app, request, h, choices, { status: error.statusCode, originError: text });
          }
          return back('added');
        },
      },
    },
  ];
}

/** embed.js: rebuilds the snippet and the preview as the form changes (the page works without it). */
export function embedScriptRoute(): ServerRoute {
  return {
    method: 'GET',
    path: EMBED_SCRIPT,
    options: {
      auth: false,
      app: { access: { public: true } },
      handler: (_request, h) =>
        h
          .file('embed.js', { confine: join(ROOT, 'plugins', 'widgets', 'assets') })
          .type('application/javascript; charset=utf-8')
          .header('Cache-Control', 'public, max-age=3600'),
    },
  };
}
