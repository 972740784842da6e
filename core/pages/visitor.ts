// Who the site's header greets on a public page: the signed-in employer (its name, with 单位中心 and 退出) or staff
// member (name, 管理后台, 退出), read from the verified session, not from the mere presence of a cookie. Public GET
// pages therefore read the employer and staff sessions in `try` mode (see pageRoutes); this extension turns the
// credentials into what the header shows. Employer and staff pages have their own bar and get no greeting.
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { StaffCredentials } from '../auth/principals.js';
import { pageOf } from './access.js';
import { sessionOf } from './session.js';
import type { EmployerSession, PageChrome, StudentSession } from './ui.js';

export interface Visitor {
  kind: 'employer' | 'staff' | 'student';
  /** the employer's name, or the staff member's (else the username) */
  name: string;
}

declare module '@hapi/hapi' {
  interface RequestApplicationState {
    visitor?: Visitor;
  }
}

export function registerVisitor(server: Server, chrome: PageChrome): void {
  server.ext('onPreHandler', async (request: Request, h: ResponseToolkit) => {
    const audience = pageOf(request)?.audience;
    if (audience === 'student') {
      const student = sessionOf<StudentSession>(request, 'student');
      if (student) request.app.visitor = { kind: 'student', name: student.name };
      return h.continue;
    }
    if (audience !== 'public') return h.continue;
    const employer = sessionOf<EmployerSession>(request, 'employer');
    if (employer) {
      const name = (await chrome.employerName(employer)) || employer.name;
      request.app.visitor = { kind: 'employer', name };
      return h.continue;
    }
    const staff = sessionOf<StaffCredentials>(request, 'staff');
    if (staff) {
      request.app.visitor = { kind: 'staff', name: staff.name || staff.username };
      return h.continue;
    }
    // a student is greeted on their own school's pages only
    const student = sessionOf<StudentSession>(request, 'student');
    if (student && student.siteId === request.app.xz.site.id)
      request.app.visitor = { kind: 'student', name: student.name };
    return h.continue;
  });
}
