// Announcements (招聘公告): employer routes, public listings, demo announcements.
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import type { FeaturePlugin } from '../../core/server.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import { Publications } from '../postings/publications.js';
import { describeAnnouncements } from './review-details.js';
import { ANNOUNCEMENT_LOCKED_MESSAGE, AnnouncementService } from './announcement-service.js';
import { Announcement } from './models/announcement.js';
import { announcementRoutes } from './routes/announcements.js';
import { addFeaturePages } from '../../core/pages/index.js';
import { announcementPages } from './pages/employer/announcements.js';
import { announcementAttachmentPages } from './pages/public/announcement-attachment.js';
import { announcementDetailPages } from './pages/public/announcement-detail.js';
import { announcementListPages } from './pages/public/announcement-list.js';

declare module '../../core/app.js' {
  interface Services {
    announcements: AnnouncementService;
  }
}

export const announcementsPlugin: FeaturePlugin = {
  name: 'xz-announcements',
  version: '1.0.0',
  dependencies: ['xz-postings', 'xz-reviews', 'xz-network', 'xz-employers', 'xz-files'],
  register(server, { app }: { app: App }) {
    const cache = service(app, 'listingCache');
    const publications = new Publications(
      {
        subjectType: 'announcement',
        posting: Announcement,
        table: 'announcement_publications',
        postingTable: 'announcements',
        fk: 'announcement_id',
        cacheKind: 'announcements',
        noun: '招聘公告',
        locked: { code: 'ANNOUNCEMENT_LOCKED', message: ANNOUNCEMENT_LOCKED_MESSAGE },
        listedOnMain: true,
      },
      app.db,
      app.sites,
      service(app, 'reviews'),
      service(app, 'memberships'),
      cache,
    );
    const employers = service(app, 'employers');
    const announcements = new AnnouncementService(
      app.db,
      app.sites,
      publications,
      cache,
      service(app, 'files'),
      async (id, trx) => (await employers.get(id, trx)).name,
    );
    app.services.announcements = announcements;
    service(app, 'messages').subject('announcement', {
      name: '招聘公告',
      link: async (publicationId) => {
        const copy = await app
          .db('announcement_publications')
          .where('id', publicationId)
          .first('announcement_id');
        return copy ? `/employer/announcements/${copy.announcement_id}` : null;
      },
    });
    service(app, 'reviews').label('announcement', '招聘公告');
    service(app, 'reviews').describe('announcement', describeAnnouncements(app.db, service(app, 'files')));
    server.route(announcementRoutes(app, announcements));
    app.seeders.push({
      name: 'announcements',
      async run() {
        const accounts = service(app, 'accounts');
        for (let i = 0; i < 20; i += 4) {
          const account = await accounts.byPhone(`139000000${String(i + 1).padStart(2, '0')}`);
          if (
            !account ||
            (await Announcement.query(app.db).findOne({ employer_id: account.employer_id }).select('id'))
          )
            continue;
          const c = (await accounts.resolve(accounts.payload(account))) as EmployerCredentials;
          const employer = await employers.get(account.employer_id);
          await announcements.create(
            c,
            {
              title: `${employer.name} ${new Date().getFullYear() + 1} 届校园招聘公告`,
              body: `${employer.name}面向 2027 届高校毕业生开展校园招聘，欢迎各专业同学关注。具体岗位请查看本单位发布的招聘职位。`,
              attachments: [],
            },
            ['nju', 'seu'],
          );
        }
      },
    });
    const group = { key: 'recruiting', label: '招聘信息', order: 50 };
    app.pages.employerMenu(
      {
        key: 'announcement-new',
        label: '发布招聘公告',
        href: '/employer/announcements/new',
        permission: 'announcements',
        group,
        order: 3,
      },
      {
        key: 'announcements',
        label: '管理招聘公告',
        href: '/employer/announcements',
        permission: 'announcements',
        group,
        order: 4,
      },
    );
    addFeaturePages(server, app, 'announcements', [
      ...announcementPages(app),
      announcementListPages(app),
      announcementDetailPages(app),
      announcementAttachmentPages(app),
    ]);
  },
};
