// Info sessions (宣讲会): staff rooms with bookable hours, employer applications (online or offline) reviewed through the
// review engine (`type = presentation`), an edit lock once approved, and cancellation; the 参会凭证 (a one-page PDF with
// a QR code of its certificate, kind `presentation`, valid only while the session is approved); the public side
// (approved sessions as JSON, an iCal feed, theme pages with Event JSON-LD, and the <xz-presentation-list> widget in
// web-components/); the employer's 申请宣讲会 and 宣讲会管理 pages; the staff rooms and calendar pages (school sites
// only: main has no rooms); and demo rooms and sessions at nju and seu.
import type { Knex } from 'knex';
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { FeaturePlugin } from '../../core/server.js';
import { addFeaturePages } from '../../core/pages/index.js';
import { publicPresentationPages } from './pages/public/presentations.js';
import { employerPresentationPages } from './pages/employer/presentations.js';
import { PresentationCertificates } from './certificate.js';
import { seedDemoPresentations } from './demo.js';
import { PresentationService } from './presentation-service.js';
import { PublicPresentations } from './public-presentations.js';
import { RoomService } from './room-service.js';
import { cancelPresentation } from './routes/cancel-presentation.js';
import { createPresentation } from './routes/create-presentation.js';
import { createRoom } from './routes/create-room.js';
import { employerRooms } from './routes/employer-rooms.js';
import { getPresentation } from './routes/get-presentation.js';
import { listPresentations } from './routes/list-presentations.js';
import { listRooms } from './routes/list-rooms.js';
import { presentationCertificate } from './routes/presentation-certificate.js';
import { publicPresentationRoutes } from './routes/public-presentations.js';
import { sitePresentations } from './routes/site-presentations.js';
import { updatePresentation } from './routes/update-presentation.js';
import { updateRoom } from './routes/update-room.js';
import { staffCalendarPages } from './pages/staff/calendar.js';
import { staffRoomPages } from './pages/staff/rooms.js';

declare module '../../core/app.js' {
  interface Services {
    rooms: RoomService;
    presentations: PresentationService;
  }
}

export const presentationsPlugin: FeaturePlugin = {
  name: 'xz-presentations',
  version: '1.0.0',
  dependencies: ['xz-jobs', 'xz-reviews', 'xz-messages', 'xz-network', 'xz-employers', 'xz-certificates'],
  register(server, { app }: { app: App }) {
    const employers = service(app, 'employers');
    const reviews = service(app, 'reviews');
    const rooms = new RoomService(app.db, app.clock, service(app, 'memberships'));
    const employerName = async (id: number, trx?: Knex.Transaction) => (await employers.get(id, trx)).name;
    const presentations = new PresentationService(
      app.db,
      app.sites,
      app.clock,
      rooms,
      reviews,
      service(app, 'memberships'),
      service(app, 'jobs'),
      employerName,
      service(app, 'certificates'),
    );
    const certificates = new PresentationCertificates(
      app.db,
      app.sites,
      app.clock,
      service(app, 'certificates'),
      presentations,
      employerName,
    );
    certificates.register();
    app.seeders.push({ name: 'presentations', run: () => seedDemoPresentations(app, rooms, presentations) });
    app.services.rooms = rooms;
    app.services.presentations = presentations;
    reviews.handle('presentation', {
      onDecision: (trx, review, status) => presentations.onDecision(trx, review, status),
    });
    reviews.label('presentation', '宣讲会');
    reviews.describe('presentation', (review) => presentations.reviewDetails(Number(review.subject_id)));
    reviews.ends('presentation', {
      ended: (db, id) => db('presentations').where('id', id).where('starts_at', '<=', app.clock.now()),
      message: '该宣讲会的开始时间已过，不能再审核，已从待审核队列撤回',
    });
    service(app, 'messages').subject('presentation', {
      name: '宣讲会申请',
      link: async (id) => `/employer/presentations/${id}`,
    });
    server.route([
      listRooms(app, rooms),
      createRoom(app, rooms),
      updateRoom(rooms),
      employerRooms(app, rooms),
      createPresentation(presentations),
      listPresentations(presentations),
      getPresentation(presentations),
      updatePresentation(presentations),
      cancelPresentation(presentations),
      presentationCertificate(certificates),
      sitePresentations(app, presentations),
    ]);
    app.pages.staffMenu(
      {
        key: 'presentations',
        label: '宣讲会日程',
        href: '/admin/presentations',
        order: 22,
        schoolsOnly: true,
      },
      { key: 'rooms', label: '场地管理', href: '/admin/rooms', order: 23, schoolsOnly: true },
    );
    // Public: approved sessions as JSON, iCal and theme pages (list, week view, detail with its Event JSON-LD).
    const publicSessions = new PublicPresentations(app.db, app.sites, app.clock);
    server.route(publicPresentationRoutes(app, publicSessions));
    const group = { key: 'presentations', label: '宣讲会', order: 55 };
    app.pages.employerMenu(
      {
        key: 'presentation-new',
        label: '申请宣讲会',
        href: '/employer/presentations/new',
        permission: 'presentations',
        group,
        order: 1,
      },
      {
        key: 'presentations',
        label: '宣讲会管理',
        href: '/employer/presentations',
        permission: 'presentations',
        group,
        order: 2,
      },
    );
    app.pages.homeCard({
      key: 'presentations',
      order: 15,
      permission: 'presentations',
      partial: 'xz-presentations-home-card',
      async load(_request, c) {
        const credentials = c as EmployerCredentials;
        const one = { page: 1, pageSize: 1 };
        const [pending, approved] = await Promise.all([
          presentations.list(credentials, { status: 'pending', ...one }),
          presentations.list(credentials, { status: 'approved', ...one }),
        ]);
        return { pending: pending.total, upcoming: pending.total + approved.total };
      },
    });
    addFeaturePages(server, app, 'presentations', [
      ...employerPresentationPages(app, certificates),
      ...staffCalendarPages(app),
      ...staffRoomPages(app),
      ...publicPresentationPages(app, publicSessions),
    ]);
  },
};
