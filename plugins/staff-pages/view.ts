// Rendering of the staff console: each view is a file under views/ rendered inside the site's theme layout, inside
// the `xz-staff-shell` partial (site, account, 退出, and the console menu with the number of pending reviews).
import type { Request } from '@hapi/hapi';
import { join } from 'node:path';
import { service, type App } from '../../core/app.js';
import type { StaffCredentials } from '../../core/auth/principals.js';
import { ROOT } from '../../core/paths.js';
import type { SubjectType } from '../../core/tenancy/manifest.js';
import { featureRenderer } from '../../core/theming/render.js';
import type { ReviewStatus } from '../reviews/review-service.js';

export const VIEWS_DIR = join(ROOT, 'plugins', 'staff-pages', 'views');

export const render = featureRenderer(VIEWS_DIR);

export const TYPE_LABELS: Record<SubjectType, string> = {
  membership: '入驻申请',
  job: '招聘职位',
  announcement: '招聘公告',
  fair_booking: '招聘会展位',
  presentation: '宣讲会',
  signing_authorization: '签约授权',
};

/** On the main site a membership is the provincial certification. */
export function typeLabel(type: SubjectType, isMain: boolean): string {
  return type === 'membership' && isMain ? '单位认证' : TYPE_LABELS[type];
}

export const REVIEW_STATUS: Record<ReviewStatus, { label: string; tone: string }> = {
  pending: { label: '待审核', tone: 'warning' },
  approved: { label: '已通过', tone: 'success' },
  rejected: { label: '未通过', tone: 'danger' },
  withdrawn: { label: '已撤回', tone: 'muted' },
};

export const ACTION_LABELS: Record<string, string> = {
  submitted: '提交',
  resubmitted: '重新提交',
  approved: '通过',
  rejected: '驳回',
  uscc_override: '人工核验',
  withdrawn: '撤回',
};

const MENU = [
  { key: 'reviews', label: '审核队列', href: '/admin/reviews' },
  { key: 'fairs', label: '招聘会', href: '/admin/fairs' },
  { key: 'settings', label: '站点设置', href: '/admin/settings' },
  { key: 'audit', label: '修改记录', href: '/admin/settings/audit' },
];

/** What the `xz-staff-shell` partial shows. */
export async function consoleOf(app: App, request: Request, c: StaffCredentials, active: string) {
  const site = request.app.xz.site;
  const { total: pending } = await service(app, 'reviews').list(site.id, {
    status: 'pending',
    page: 1,
    pageSize: 1,
  });
  return {
    site: { name: site.name, isMain: site.isMain },
    staff: { username: c.username },
    menu: MENU.map((m) => ({
      label: m.label,
      href: m.href,
      current: m.key === active,
      disabled: false,
      ...(m.key === 'reviews' && pending > 0 ? { badge: pending, badgeLabel: '项待审核' } : {}),
    })),
  };
}

const FLASH: Record<string, string> = {
  logout: '您已安全退出。',
  approved: '已审核通过。',
  rejected: '已驳回，审核意见已通知单位。',
  overridden: '已记录人工核验意见，现在可以审核通过该单位的认证。',
  saved: '已保存。新的设置已在本站生效。',
};

export function flash(done: unknown): string | undefined {
  return typeof done === 'string' ? FLASH[done] : undefined;
}

export { dateTime } from '../employer-pages/view.js';
