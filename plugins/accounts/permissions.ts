// The employer permission catalogue (API.md). The database refuses any other key in a role.
import type { Request } from '@hapi/hapi';
import { sessionOf } from '../../core/pages/session.js';
export const PERMISSIONS = [
  { key: 'profile', name: '单位信息' },
  { key: 'sites', name: '登录学校分站' },
  { key: 'accounts', name: '账号管理' },
  { key: 'jobs', name: '招聘职位' },
  { key: 'announcements', name: '招聘公告' },
  { key: 'fairs', name: '招聘会' },
  { key: 'presentations', name: '宣讲会' },
  { key: 'applications', name: '简历处理' },
  { key: 'signing', name: '签约中心' },
] as const;

export type Permission = (typeof PERMISSIONS)[number]['key'];
export const PERMISSION_KEYS = PERMISSIONS.map((p) => p.key) as Permission[];
export const ADMIN_ROLE_NAME = '单位管理员';

export interface EmployerCredentials {
  kind: 'employer';
  /** account id */
  id: number;
  employerId: number;
  phone: string;
  name: string;
  isAdmin: boolean;
  permissions: Permission[];
  mustSetPassword: boolean;
}

/**
 * The employer account signed in on this page. Only for pages that declare `page: { audience: 'employer' }`: the page
 * access check has already sent anyone else to the login page.
 */
export function employerOf(request: Request): EmployerCredentials {
  const c = sessionOf<EmployerCredentials>(request, 'employer');
  if (!c) throw new Error('xiaozhao: employerOf() on a page that does not declare the employer audience');
  return c;
}
