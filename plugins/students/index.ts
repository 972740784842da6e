// Students (学生): the school rosters and the student side of a school site. This plugin owns the `students` table and
// resolves `student` tokens; features reach students through its service.
import { service, type App } from '../../core/app.js';
import { appError } from '../../core/http/errors.js';
import type { FeaturePlugin } from '../../core/server.js';
import { seedDemoStudents } from './demo.js';
import { adminStudentRoutes } from './routes/admin-students.js';
import { rosterRoutes } from './routes/roster.js';
import { studentAuthRoutes } from './routes/student-auth.js';
import { StudentAuth } from './student-auth.js';
import { StudentService } from './student-service.js';
import { ResumeService } from './resume-service.js';
import { seedDemoResumes } from './resume-demo.js';
import { resumeRoutes } from './routes/resume.js';
import { resumeAttachmentRoutes } from './routes/resume-attachment.js';
import { resumePages } from './pages/student/resume.js';
import { addFeaturePages, pageRoutes } from '../../core/pages/index.js';
import { staffStudentPages } from './pages/staff/students.js';
import { studentHomePages } from './pages/student/home.js';
import { studentLoginPages } from './pages/student/login.js';

declare module '../../core/app.js' {
  interface Services {
    students: StudentService;
    resumes: ResumeService;
    studentAuth: StudentAuth;
  }
}

export const studentsPlugin: FeaturePlugin = {
  name: 'xz-students',
  version: '1.0.0',
  dependencies: ['xz-messages', 'xz-files', 'xz-verification', 'xz-employers'],
  register(server, { app }: { app: App }) {
    const students = new StudentService(app.db, app.sites, app.clock);
    const auth = new StudentAuth(app.db, service(app, 'loginLimits'));
    app.services.students = students;
    app.services.studentAuth = auth;
    app.principals.resolve('student', (payload) => students.resolve(payload));
    // 简历: the résumé API, its PDF attachment and the /student/resume page
    const resumes = new ResumeService(app.db, app.sites, students, service(app, 'files'));
    app.services.resumes = resumes;
    server.route([...resumeRoutes(resumes), ...resumeAttachmentRoutes(service(app, 'files'))]);
    server.route(pageRoutes(resumePages(app)));
    // Login codes for students go to phones on a school's roster; every other purpose keeps the employers' rules.
    const employerRules = app.services.phoneRules;
    app.services.phoneRules = {
      async precheck(phone, purpose) {
        if (purpose !== 'student-login') return employerRules?.precheck(phone, purpose);
        if (!(await students.phoneOnAnyRoster(phone)))
          throw appError(422, 'PHONE_NOT_REGISTERED', '该手机号不在学校的学生名单中，请联系学校就业中心');
      },
    };
    server.route([
      ...rosterRoutes(app, students),
      ...adminStudentRoutes(app, students),
      ...studentAuthRoutes(app, students, auth),
    ]);
    app.seeders.push({ name: 'students', run: () => seedDemoStudents(app) });
    // 学生管理 in the console of school sites; the student area's menu (the résumé and applications pages are the
    // applications feature's, linked here so the menu has one order).
    app.pages.staffMenu({
      key: 'students',
      label: '学生管理',
      href: '/admin/students',
      order: 40,
      schoolsOnly: true,
    });
    app.pages.studentMenu(
      { key: 'home', label: '学生中心', href: '/student', order: 10 },
      { key: 'resume', label: '我的简历', href: '/student/resume', order: 20 },
      { key: 'applications', label: '我的投递', href: '/student/applications', order: 30 },
      {
        key: 'interviews',
        label: '面试邀请',
        href: '/student/applications?status=interview_invited',
        order: 40,
      },
      {
        key: 'messages',
        label: '站内消息',
        href: '/student/messages',
        order: 50,
        badge: async (c) => ({
          count: await service(app, 'messages').unreadCount({ studentId: c.id }),
          label: '条未读',
        }),
      },
      { key: 'password', label: '修改密码', href: '/student/password', order: 60 },
    );
    addFeaturePages(server, app, 'students', [
      ...studentLoginPages(app),
      ...studentHomePages(app),
      ...staffStudentPages(app),
    ]);
    app.seeders.push({ name: 'resumes', run: () => seedDemoResumes(app) });
  },
};
