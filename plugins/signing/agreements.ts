// Agreements (网签协议) inside the signing plugin: the service, the candidate search, the document and its certificate
// kind, the periodic expiry of invitations, the message subject, the API routes and the pages. The plugin's index
// calls `registerAgreements` once, after its signing guard exists, and passes the guard in: every employer action
// checks it.
import type { Server } from '@hapi/hapi';
import { join } from 'node:path';
import { service, type App } from '../../core/app.js';
import { pageRoutes } from '../../core/pages/index.js';
import { registerPartialsIn } from '../../core/pages/render.js';
import { ROOT } from '../../core/paths.js';
import { CandidateSearch, type OfferSource } from './agreement-candidates.js';
import { seedDemoAgreements } from './agreement-demo.js';
import { AgreementDocuments } from './agreement-document.js';
import { AgreementService, type EmployerLookup, type SigningGuard } from './agreement-service.js';
import { agreementPages } from './pages/employer/agreements.js';
import { INVITE_PATH, invitePages } from './pages/employer/agreement-invite.js';
import { staffAgreementPages } from './pages/staff/agreements.js';
import { studentAgreementPages } from './pages/student/agreements.js';
import { adminAgreementRoutes } from './routes/admin-agreements.js';
import { signingCandidates } from './routes/candidates.js';
import { employerAgreementRoutes } from './routes/employer-agreements.js';
import { studentAgreementRoutes } from './routes/student-agreements.js';

declare module '../../core/app.js' {
  interface Services {
    agreements: AgreementService;
  }
}

/** The employer-centre menu group of the signing pages (签约中心), the same the authorisation's entry uses. */
export const SIGNING_MENU_GROUP = { key: 'signing', label: '签约中心', order: 60 };

/** How often invitations past their respond-by date are marked expired. */
const EXPIRY_INTERVAL_MS = 10 * 60_000;

export interface RegisteredAgreements {
  agreements: AgreementService;
  candidates: CandidateSearch;
  documents: AgreementDocuments;
}

export function registerAgreements(server: Server, app: App, guard: SigningGuard): RegisteredAgreements {
  const employers = service(app, 'employers');
  const employer: EmployerLookup = async (id, trx) => {
    const e = await employers.get(id, trx);
    return {
      id: e.id,
      name: e.name,
      uscc: e.uscc,
      address: e.address,
      contactName: e.contact_name,
      contactPhone: e.contact_phone,
    };
  };
  const certificates = service(app, 'certificates');
  const messages = service(app, 'messages');
  const inbox = service(app, 'applicationsInbox');
  const offers: OfferSource = async (employerId) =>
    (await inbox.offerCandidates(employerId)).map((c) => c.studentId);
  const candidates = new CandidateSearch(app.db, app.sites, offers);
  const agreements = new AgreementService(
    app.db,
    app.sites,
    app.clock,
    messages,
    certificates,
    guard,
    employer,
    (trx, employerId, studentIds) => candidates.reached(trx, employerId, studentIds),
  );
  app.services.agreements = agreements;
  const documents = new AgreementDocuments(app.db, app.sites, app.clock, certificates, agreements, employer);
  documents.register();
  messages.subject('agreement', {
    name: '网签协议',
    link: (id) => `/employer/agreements/${id}`,
  });
  app.tasks.every('signing.expire-invitations', EXPIRY_INTERVAL_MS, () => agreements.expireDue());
  server.route([
    signingCandidates(guard, candidates),
    ...employerAgreementRoutes(app, agreements, documents),
    ...studentAgreementRoutes(agreements),
    ...adminAgreementRoutes(app, agreements),
  ]);
  // pages: the employer's 发送签约邀请 and 签约解约管理, the student's 我的签约, the school's confirmation queue
  registerPartialsIn(app.themes, join(ROOT, 'plugins', 'signing', 'views', 'partials'));
  server.route(
    pageRoutes([
      ...invitePages(app, agreements, candidates, guard),
      ...agreementPages(app, agreements, documents),
      ...studentAgreementPages(agreements),
      ...staffAgreementPages(app, agreements),
    ]),
  );
  app.pages.employerMenu(
    {
      key: 'signing-invite',
      label: '发送签约邀请',
      href: INVITE_PATH,
      permission: 'signing',
      group: SIGNING_MENU_GROUP,
      order: 2,
    },
    {
      key: 'agreements',
      label: '签约解约管理',
      href: '/employer/agreements',
      permission: 'signing',
      group: SIGNING_MENU_GROUP,
      order: 3,
    },
  );
  app.pages.staffMenu({
    key: 'agreements',
    label: '网签协议确认',
    href: '/admin/agreements',
    order: 40,
    badge: async (_request, c) => {
      const count = await agreements.pendingForSite(c.siteId);
      return count ? { count, label: '份待确认' } : null;
    },
  });
  app.pages.homeCard({
    key: 'agreements',
    order: 31,
    permission: 'signing',
    partial: 'xz-agreements-home-card',
    async load(_request, c) {
      const { employerId } = c;
      const [year, tabs] = await Promise.all([
        agreements.signedThisYear(employerId),
        agreements.tabCounts(employerId),
      ]);
      return { count: year.count, year: year.year, signing: tabs.signing, terminating: tabs.terminating };
    },
  });
  app.seeders.push({
    name: 'signing-agreements',
    run: () => seedDemoAgreements(app, agreements, candidates),
  });
  return { agreements, candidates, documents };
}
