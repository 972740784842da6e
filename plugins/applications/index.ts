// Applications (简历投递 and 收到的简历): students apply to jobs shown on their school's site; the employer's inbox views,
// downloads, invites to interview, marks 拟录用 or 不合适. Every status change goes through transitions.ts.
import { service, type App } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { addFeaturePages, pageRoutes } from '../../core/pages/index.js';
import { employerInboxPages } from './pages/employer/inbox.js';
import { staffStudentApplicationPages } from './pages/staff/student-applications.js';
import { seedDemoApplications } from './demo.js';
import { InboxService } from './inbox-service.js';
import { inboxRoutes } from './routes/employer-routes.js';
import { StudentApplications } from './student-applications.js';
import { studentApplicationRoutes } from './routes/student-applications.js';
import { studentInterviewRoutes } from './routes/student-interviews.js';
import { studentApplicationPages } from './pages/student/applications.js';

declare module '../../core/app.js' {
  interface Services {
    /** the employer inbox (收到的简历), the staff view, offer candidates and the home counts */
    applicationsInbox: InboxService;
    /** the student side: apply, my applications, withdraw, answer interview invitations */
    studentApplications: StudentApplications;
  }
}

export const applicationsPlugin: FeaturePlugin = {
  name: 'xz-applications',
  version: '1.0.0',
  dependencies: ['xz-students', 'xz-jobs', 'xz-messages', 'xz-employers', 'xz-files'],
  register(server, { app }: { app: App }) {
    service(app, 'messages').subject('application', {
      name: '简历投递',
      link: (id) => `/employer/applications/${id}`,
    });
    const employers = service(app, 'employers');
    const inbox = new InboxService(
      app.db,
      app.sites,
      app.clock,
      service(app, 'messages'),
      async (id, trx) => (await employers.get(id, trx)).name,
    );
    app.services.applicationsInbox = inbox;
    // after the students and jobs seeders (plugin order): applications to the demo jobs in every status
    app.seeders.push({ name: 'applications', run: () => seedDemoApplications(app) });
    server.route(inboxRoutes(inbox, service(app, 'files')));
    const group = { key: 'applications', label: '简历处理', order: 57 };
    app.pages.employerMenu(
      {
        key: 'applications',
        label: '收到的简历',
        href: '/employer/applications',
        permission: 'applications',
        group,
        order: 1,
        badge: async (c) => ({ count: await inbox.newCount(c.employerId), label: '份新简历' }),
      },
      {
        key: 'applications-interviews',
        label: '待面试',
        href: '/employer/applications/interviews',
        permission: 'applications',
        group,
        order: 2,
      },
    );
    app.pages.homeCard({
      key: 'applications',
      order: 12,
      permission: 'applications',
      partial: 'xz-applications-home-card',
      load: (_request, c) => inbox.counts(c.employerId),
    });
    addFeaturePages(server, app, 'applications', [
      ...employerInboxPages(app),
      ...staffStudentApplicationPages(app),
    ]);
    // the student side: apply, my applications, withdraw, answer interview invitations (API and pages)
    const studentApplications = new StudentApplications(
      app.db,
      app.sites,
      service(app, 'students'),
      service(app, 'resumes'),
      service(app, 'jobs'),
      service(app, 'messages'),
    );
    app.services.studentApplications = studentApplications;
    server.route([
      ...studentApplicationRoutes(studentApplications),
      ...studentInterviewRoutes(studentApplications),
    ]);
    // my applications and 投递简历 (the partial filling the job page's apply slot is in views/partials, added above)
    server.route(pageRoutes(studentApplicationPages(app, studentApplications)));
  },
};
