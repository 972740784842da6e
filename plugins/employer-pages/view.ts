// Rendering of the employer pages: each view is a file under views/ rendered inside the site's theme layout, and every
// signed-in page gets the employer-centre shell (menu, employer, account, certification badge) built here from the
// account's permissions and the unread-message count. Menu entries of modules that do not exist yet are listed as
// disabled, never as fake pages.
import { join } from 'node:path';
import { service, type App } from '../../core/app.js';
import { ROOT } from '../../core/paths.js';
import { featureRenderer } from '../../core/theming/render.js';
import type { EmployerStatus } from '../employers/employer-service.js';
import type { EmployerCredentials, Permission } from '../accounts/permissions.js';

export const VIEWS_DIR = join(ROOT, 'plugins', 'employer-pages', 'views');

export const render = featureRenderer(VIEWS_DIR);

export const STATUS_LABELS: Record<EmployerStatus, { label: string; tone: string }> = {
  unverified: { label: '未认证', tone: 'muted' },
  pending: { label: '认证审核中', tone: 'warning' },
  verified: { label: '已认证', tone: 'success' },
  rejected: { label: '认证未通过', tone: 'danger' },
};

interface MenuEntry {
  key: string;
  label: string;
  href?: string;
  permission?: Permission;
  children?: MenuEntry[];
}

/** The employer-centre menu of the user guide, in its order. Entries without href are modules still to come. */
const MENU: MenuEntry[] = [
  { key: 'home', label: '首页', href: '/employer' },
  { key: 'messages', label: '站内消息', href: '/employer/messages' },
  { key: 'profile', label: '单位信息', href: '/employer/profile', permission: 'profile' },
  { key: 'sites', label: '登录学校分站', href: '/employer/sites', permission: 'sites' },
  {
    key: 'recruiting',
    label: '招聘信息',
    children: [
      { key: 'job-new', label: '发布招聘职位', href: '/employer/jobs/new', permission: 'jobs' },
      { key: 'jobs', label: '管理招聘职位', href: '/employer/jobs', permission: 'jobs' },
      {
        key: 'announcement-new',
        label: '发布招聘公告',
        href: '/employer/announcements/new',
        permission: 'announcements',
      },
      {
        key: 'announcements',
        label: '管理招聘公告',
        href: '/employer/announcements',
        permission: 'announcements',
      },
    ],
  },
  {
    key: 'fairs',
    label: '招聘会',
    children: [
      { key: 'fairs', label: '预定展位', href: '/employer/fairs', permission: 'fairs' },
      { key: 'fair-bookings', label: '我的预定', href: '/employer/fair-bookings', permission: 'fairs' },
    ],
  },
  { key: 'presentations', label: '宣讲会', permission: 'presentations' },
  { key: 'applications', label: '查看简历', permission: 'applications' },
  { key: 'signing', label: '签约中心', permission: 'signing' },
  {
    key: 'account-admin',
    label: '账号管理',
    children: [
      { key: 'accounts', label: '子账号', href: '/employer/accounts', permission: 'accounts' },
      { key: 'roles', label: '角色管理', href: '/employer/roles', permission: 'accounts' },
    ],
  },
];

export interface MenuItem {
  label: string;
  href?: string;
  current: boolean;
  disabled: boolean;
  /** a count shown beside the label (unread messages) */
  badge?: number;
  badgeLabel?: string;
  children?: MenuItem[];
}

export function menuFor(
  permissions: readonly string[],
  active: string,
  badges: Record<string, { count: number; label: string }> = {},
): MenuItem[] {
  const visible = (e: MenuEntry) => !e.permission || permissions.includes(e.permission);
  const item = (e: MenuEntry): MenuItem | null => {
    if (e.children) {
      const children = e.children.filter(visible).map(item) as MenuItem[];
      return children.length ? { label: e.label, current: false, disabled: false, children } : null;
    }
    if (!visible(e)) return null;
    const badge = badges[e.key];
    return {
      label: e.label,
      href: e.href,
      current: e.key === active,
      disabled: !e.href,
      ...(badge && badge.count > 0 ? { badge: badge.count, badgeLabel: badge.label } : {}),
    };
  };
  return MENU.map(item).filter((i): i is MenuItem => i !== null);
}

/** What the `xz-employer-shell` partial shows: employer, account, certification badge, menu and unread count. */
export async function centre(app: App, c: EmployerCredentials, active: string) {
  const [summary, unread] = await Promise.all([
    service(app, 'employers').summary(c.employerId),
    service(app, 'messages').unreadCount(c.employerId),
  ]);
  return {
    employer: { name: summary.name, status: summary.status, ...STATUS_LABELS[summary.status] },
    account: { name: c.name, phone: c.phone, isAdmin: c.isAdmin, mustSetPassword: c.mustSetPassword },
    menu: menuFor(c.permissions, active, { messages: { count: unread, label: '条未读' } }),
    unread,
    can: Object.fromEntries(c.permissions.map((p) => [p, true])),
  };
}

/** Flash texts after redirect-after-post; the query names a key, never the text. */
const FLASH: Record<string, string> = {
  registered: '注册成功！请完善单位信息并上传授权委托书，提交后即向省级主站申请认证。',
  saved: '单位信息已保存。',
  applied: '已提交认证申请，等待省级主站审核。',
  password: '密码已设置，请牢记新密码。',
  logout: '您已安全退出。',
  created: '子账号已开设。该账号首次登录需使用手机验证码登录。',
  disabled: '账号已停用，该账号的登录状态已失效。',
  enabled: '账号已启用。',
  roles: '账号角色已更新，该账号需重新登录后生效。',
  'role-created': '角色已增加。',
  'role-updated': '角色已保存。',
  'role-deleted': '角色已删除。',
  'certification-applied':
    '已提交认证申请，等待省级主站审核。现在可以申请入驻学校分站：在“未入驻”中找到学校，点击“申请入驻”。',
  read: '消息已标为已读。',
  'read-all': '全部消息已标为已读。',
  'job-created': '职位已提交，等待各发布站点审核；审核通过后才会显示到相应站点。',
  'job-updated': '职位已修改，各发布站点将重新审核。',
  'job-expired': '职位已失效，所有站点不再显示。',
  'job-expiry-set': '失效日期已设置：该日及以后所有站点不再显示。',
  'announcement-saved': '公告已保存，可继续发布下一条',
  'announcement-updated': '公告已修改，各发布站点将重新审核。',
  'announcement-deleted': '公告已删除，已从所有站点撤下。',
};

export function flash(done: unknown): string | undefined {
  return typeof done === 'string' ? FLASH[done] : undefined;
}

const DATE_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 2025-06-20 14:03 in Asia/Shanghai. */
export function dateTime(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const parts = Object.fromEntries(DATE_TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export interface Pager {
  total: number;
  page: number;
  pages: number;
  prev?: string;
  next?: string;
  items: { n?: number; href?: string; current?: boolean; gap?: boolean }[];
}

/**
 * Page links for a list (paths without the site prefix; the `url` helper adds it). Shows the first, the last and two
 * pages either side of the current one.
 */
export function pager(
  path: string,
  query: Record<string, string | number | undefined | null>,
  page: number,
  pageSize: number,
  total: number,
): Pager | null {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (n: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query))
      if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    if (n > 1) params.set('page', String(n));
    const qs = params.toString();
    return qs ? `${path}?${qs}` : path;
  };
  const items: Pager['items'] = [];
  let last = 0;
  for (let n = 1; n <= pages; n += 1) {
    if (n !== 1 && n !== pages && Math.abs(n - page) > 2) continue;
    if (n - last > 1) items.push({ gap: true });
    items.push({ n, href: href(n), current: n === page });
    last = n;
  }
  return {
    total,
    page,
    pages,
    prev: page > 1 ? href(page - 1) : undefined,
    next: page < pages ? href(page + 1) : undefined,
    items,
  };
}
