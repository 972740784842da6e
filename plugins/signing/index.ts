// Online signing (网签). So far: the signing authorisation (签约授权) — employers request it with the stamped letter,
// the agent and the validity they ask for; province staff review it on the main site through the review engine
// (`type = signing_authorization`), approving with a validity period or rejecting with a comment; decisions reach
// the employer as messages. `app.services.signingAuthorizations.requireAuthorized(employerId, trx)` is the one
// check every signing action makes. Invitations, agreements and their documents are built on top of it.
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import { registerAgreements } from './agreements.js';
import { addFeaturePages } from '../../core/pages/index.js';
import { AUTHORIZATION_PATH, authorizationPages, STATUS_LABELS } from './pages/employer/authorization.js';
import { SigningAuthorizationService, SUBJECT } from './authorization-service.js';
import { seedDemoAuthorizations } from './demo.js';
import { getAuthorization } from './routes/get-authorization.js';
import { submitAuthorization } from './routes/submit-authorization.js';

declare module '../../core/app.js' {
  interface Services {
    signingAuthorizations: SigningAuthorizationService;
  }
}

/** The employer-centre menu group the signing pages share (签约中心). */
export const SIGNING_GROUP = { key: 'signing', label: '签约中心', order: 60 };

export const signingPlugin: FeaturePlugin = {
  name: 'xz-signing',
  version: '1.0.0',
  dependencies: [
    'xz-reviews',
    'xz-messages',
    'xz-network',
    'xz-employers',
    'xz-files',
    'xz-students',
    'xz-applications',
    'xz-certificates',
  ],
  register(server, { app }: { app: App }) {
    const employers = service(app, 'employers');
    const memberships = service(app, 'memberships');
    const reviews = service(app, 'reviews');
    const authorizations = new SigningAuthorizationService(
      app.db,
      app.sites,
      app.clock,
      reviews,
      service(app, 'files'),
      {
        name: async (id, trx) => (await employers.get(id, trx)).name,
        certifiedOnMain: (id, trx) => memberships.certifiedOnMain(id, trx),
      },
    );
    app.services.signingAuthorizations = authorizations;
    reviews.handle(SUBJECT, {
      inputs: authorizations.decisionInputs,
      beforeDecision: (trx, review, status, input) =>
        authorizations.beforeDecision(trx, review, status, input),
      onDecision: (trx, review, status, comment, input) =>
        authorizations.onDecision(trx, review, status, comment, input),
    });
    reviews.label(SUBJECT, '签约授权');
    reviews.describe(SUBJECT, (review) => authorizations.reviewDetails(Number(review.subject_id)));
    service(app, 'messages').subject(SUBJECT, {
      name: '签约授权',
      link: () => AUTHORIZATION_PATH,
      details: (id, status) => authorizations.decisionNote(id, status),
    });
    server.route([getAuthorization(authorizations), submitAuthorization(authorizations)]);
    app.pages.employerMenu({
      key: 'signing-authorization',
      label: '签约授权',
      href: AUTHORIZATION_PATH,
      permission: 'signing',
      group: SIGNING_GROUP,
      order: 1,
    });
    app.pages.homeCard({
      key: 'signing-authorization',
      order: 30,
      permission: 'signing',
      partial: 'xz-signing-home-card',
      async load(_request, c) {
        const state = await authorizations.state(c.employerId);
        return {
          badge: STATUS_LABELS[state.status],
          approved: state.status === 'approved',
          validUntil: state.validUntil,
          expiresSoon: state.expiresSoon,
          pending: !!state.pending,
        };
      },
    });
    addFeaturePages(server, app, 'signing', authorizationPages(app));
    app.seeders.push({
      name: 'signing-authorizations',
      run: () => seedDemoAuthorizations(app, authorizations),
    });
    // invitations and agreements: every employer action passes the guard above
    registerAgreements(server, app, authorizations);
  },
};
