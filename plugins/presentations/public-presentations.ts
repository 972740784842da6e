// What a site shows the public of its info sessions (宣讲会): approved sessions only, of that site only (the main site
// shows every school's), never a pending, rejected or cancelled one and never contacts' phones. Read by the public API,
// the iCal feed and the theme pages alike, so all three list the same sessions.
import type { Db } from '../../core/db/knex.js';
import type { Clock } from '../../core/clock.js';
import type { Site, SiteRegistry } from '../../core/tenancy/sites.js';
import { dayBounds, localParts } from './local-time.js';
import type { PresentationMode } from './models/presentation.js';

export interface PublicPresentationQuery {
  /** local dates (Asia/Shanghai), `to` inclusive; default today and the next 30 days */
  from?: string;
  to?: string;
  mode?: PresentationMode;
  q?: string;
}

export interface PublicPresentation {
  id: number;
  site: { slug: string; name: string };
  employer: { id: number; name: string };
  mode: PresentationMode;
  title: string;
  startsAt: string;
  endsAt: string;
  room: { name: string; building: string; capacity: number } | null;
  liveUrl: string | null;
  description: string;
  jobs: { id: number; title: string }[];
  url: string;
}

interface Row {
  id: number;
  site_id: number;
  employer_id: number;
  employer_name: string;
  mode: PresentationMode;
  title: string;
  starts_at: Date | string;
  ends_at: Date | string;
  live_url: string | null;
  description: string;
  room_name: string | null;
  room_building: string | null;
  room_capacity: number | null;
}

/** The default window of the public listings: today and the next 30 days. */
export const DEFAULT_DAYS = 30;

export class PublicPresentations {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly clock: Clock,
  ) {}

  private base(site: Site) {
    return this.db('presentations as p')
      .join('employers as e', 'e.id', 'p.employer_id')
      .leftJoin('rooms as r', 'r.id', 'p.room_id')
      .where('p.status', 'approved')
      .modify((q) => {
        if (!site.isMain) q.where('p.site_id', site.id);
      })
      .select(
        'p.id',
        'p.site_id',
        'p.employer_id',
        'e.name as employer_name',
        'p.mode',
        'p.title',
        'p.starts_at',
        'p.ends_at',
        'p.live_url',
        'p.description',
        'r.name as room_name',
        'r.building as room_building',
        'r.capacity as room_capacity',
      );
  }

  /** The window [from, to] of a query, as local dates. */
  window(query: Pick<PublicPresentationQuery, 'from' | 'to'>): { from: string; to: string } {
    const from = query.from ?? this.clock.today();
    const to =
      query.to ?? localParts(new Date(dayBounds(from).from.getTime() + DEFAULT_DAYS * 86_400_000)).date;
    return { from, to };
  }

  /** Approved sessions starting within the window, soonest first. */
  async list(site: Site, query: PublicPresentationQuery) {
    const { from, to } = this.window(query);
    const rows = (await this.base(site)
      .where('p.starts_at', '>=', dayBounds(from).from)
      .where('p.starts_at', '<', dayBounds(to).until)
      .modify((q) => {
        if (query.mode) q.where('p.mode', query.mode);
        if (query.q) {
          const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
          q.where((w) => {
            w.where('p.title', 'ilike', like).orWhere('e.name', 'ilike', like);
          });
        }
      })
      .orderBy([{ column: 'p.starts_at' }, { column: 'p.id' }])
      .limit(500)) as Row[];
    return { from, to, items: await this.views(rows) };
  }

  /** One approved session as `site` shows it (its own site, or main); null otherwise. */
  async get(site: Site, id: number): Promise<PublicPresentation | null> {
    const row = (await this.base(site).where('p.id', id).first()) as Row | undefined;
    return row ? (await this.views([row]))[0]! : null;
  }

  private async views(rows: Row[]): Promise<PublicPresentation[]> {
    const ids = rows.map((r) => r.id);
    const jobs = ids.length
      ? ((await this.db('presentation_jobs as pj')
          .join('jobs as j', 'j.id', 'pj.job_id')
          .whereIn('pj.presentation_id', ids)
          .orderBy('pj.job_id')
          .select('pj.presentation_id', 'j.id', 'j.title')) as {
          presentation_id: number;
          id: number;
          title: string;
        }[])
      : [];
    return rows.map((r) => {
      const site = this.sites.byId(r.site_id);
      return {
        id: Number(r.id),
        site: { slug: site?.slug ?? '', name: site?.name ?? '' },
        employer: { id: Number(r.employer_id), name: r.employer_name },
        mode: r.mode,
        title: r.title,
        startsAt: new Date(r.starts_at).toISOString(),
        endsAt: new Date(r.ends_at).toISOString(),
        room:
          r.mode === 'offline' && r.room_name !== null
            ? { name: r.room_name, building: r.room_building ?? '', capacity: Number(r.room_capacity) }
            : null,
        liveUrl: r.mode === 'online' ? r.live_url : null,
        description: r.description,
        jobs: jobs
          .filter((j) => Number(j.presentation_id) === Number(r.id))
          .map((j) => ({ id: Number(j.id), title: j.title })),
        url: site ? this.sites.urlOf(site, `/presentations/${r.id}`) : '',
      };
    });
  }
}

/** Where a session is held, as one line: 「仙林校区 图书馆 报告厅」 or 线上. */
export function placeText(p: Pick<PublicPresentation, 'mode' | 'room'>): string {
  if (p.mode === 'online' || !p.room) return '线上';
  return [p.room.building, p.room.name].filter(Boolean).join(' ');
}
