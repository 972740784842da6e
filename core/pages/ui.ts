// Extension points of the page chrome: features contribute their entries to the employer-centre menu and the staff
// console menu, cards to the employer-centre home, and their stylesheet; core lists none of them. A feature that is
// not installed has no entry. Contributions are made while the plugins register; the registry is read per request.
import type { Request } from '@hapi/hapi';
import { readFileSync } from 'node:fs';
import type { StaffCredentials } from '../auth/principals.js';

/** Employer credentials as the chrome sees them (the accounts feature owns the full type). */
export interface EmployerSession {
  kind: 'employer';
  id: number;
  employerId: number;
  name: string;
  phone: string;
  isAdmin: boolean;
  permissions: readonly string[];
  mustSetPassword: boolean;
}

export interface Badge {
  count: number;
  /** read after the count by screen readers: 条未读 */
  label: string;
}

export interface EmployerMenuEntry {
  key: string;
  label: string;
  href: string;
  permission?: string;
  /** entries of one group are shown together under its label, in the order of their own `order` */
  group?: { key: string; label: string; order: number };
  /** position in the menu (groups take the order of their group) */
  order: number;
  badge?: (c: EmployerSession) => Promise<Badge | null>;
}

export interface StaffMenuEntry {
  key: string;
  label: string;
  href: string;
  order: number;
  badge?: (request: Request, c: StaffCredentials) => Promise<Badge | null>;
  /** Shown on school sites only, not on the main site's console (e.g. rooms: main has none). */
  schoolsOnly?: boolean;
}

/** An entry of the student area's menu (a school site's 学生中心). */
export interface StudentMenuEntry {
  key: string;
  label: string;
  href: string;
  order: number;
  badge?: (c: StudentSession) => Promise<Badge | null>;
}

/** Student credentials as the chrome sees them (the students feature owns the full type). */
export interface StudentSession {
  kind: 'student';
  id: number;
  siteId: number;
  site: string;
  name: string;
}

/** A card on the employer-centre home: a partial of the feature's own, given what `load` returns (null: no card). */
export interface HomeCard {
  key: string;
  order: number;
  permission?: string;
  partial: string;
  load(request: Request, c: EmployerSession): Promise<Record<string, unknown> | null>;
}

/** Who is signed in, as the employer-centre header shows it (the employers feature provides it). */
export type EmployerIdentity = (c: EmployerSession) => Promise<{ name: string; label: string; tone: string }>;

export interface MenuItem {
  label: string;
  href?: string;
  current: boolean;
  badge?: number;
  badgeLabel?: string;
  children?: MenuItem[];
}

export class PageChrome {
  private readonly employerEntries: EmployerMenuEntry[] = [];
  private readonly staffEntries: StaffMenuEntry[] = [];
  private readonly studentEntries: StudentMenuEntry[] = [];
  private readonly cards: HomeCard[] = [];
  private readonly styles: { feature: string; css: string }[] = [];
  private identity: EmployerIdentity | null = null;
  private stylesheet: string | null = null;

  employerMenu(...entries: EmployerMenuEntry[]): void {
    this.employerEntries.push(...entries);
  }

  staffMenu(...entries: StaffMenuEntry[]): void {
    this.staffEntries.push(...entries);
  }

  studentMenu(...entries: StudentMenuEntry[]): void {
    this.studentEntries.push(...entries);
  }

  homeCard(card: HomeCard): void {
    this.cards.push(card);
  }

  employerIdentity(fn: EmployerIdentity): void {
    if (this.identity) throw new Error('xiaozhao: the employer identity is provided twice');
    this.identity = fn;
  }

  /** The signed-in employer's name as the centre shows it ('' when no feature provides it). */
  async employerName(c: EmployerSession): Promise<string> {
    return this.identity ? (await this.identity(c)).name : '';
  }

  /** A feature's stylesheet (a file), appended to the shared UI stylesheet in registration order. */
  style(feature: string, file: string): void {
    this.styles.push({ feature, css: readFileSync(file, 'utf8') });
    this.stylesheet = null;
  }

  /** The shared UI stylesheet: core's, then every feature's. */
  css(core: string): string {
    this.stylesheet ??= [core, ...this.styles.map((s) => `/* ==== ${s.feature} ==== */\n${s.css}`)].join(
      '\n',
    );
    return this.stylesheet;
  }

  async employerCentre(request: Request, c: EmployerSession, active: string) {
    const visible = (e: { permission?: string }) => !e.permission || c.permissions.includes(e.permission);
    const entries = this.employerEntries.filter(visible);
    const badges = new Map(
      await Promise.all(entries.map(async (e) => [e.key, e.badge ? await e.badge(c) : null] as const)),
    );
    const item = (e: EmployerMenuEntry): MenuItem => {
      const badge = badges.get(e.key);
      return {
        label: e.label,
        href: e.href,
        current: e.key === active,
        ...(badge && badge.count > 0 ? { badge: badge.count, badgeLabel: badge.label } : {}),
      };
    };
    const top: { order: number; item: MenuItem }[] = [];
    const groups = new Map<string, { order: number; label: string; entries: EmployerMenuEntry[] }>();
    for (const e of entries) {
      if (!e.group) top.push({ order: e.order, item: item(e) });
      else {
        const g = groups.get(e.group.key) ?? { order: e.group.order, label: e.group.label, entries: [] };
        g.entries.push(e);
        groups.set(e.group.key, g);
      }
    }
    for (const g of groups.values())
      top.push({
        order: g.order,
        item: {
          label: g.label,
          current: false,
          children: g.entries.sort((a, b) => a.order - b.order).map(item),
        },
      });
    const who = this.identity ? await this.identity(c) : { name: '', label: '', tone: 'muted' };
    return {
      employer: who,
      account: { name: c.name, phone: c.phone, isAdmin: c.isAdmin, mustSetPassword: c.mustSetPassword },
      menu: top.sort((a, b) => a.order - b.order).map((t) => t.item),
      can: Object.fromEntries(c.permissions.map((p) => [p, true])),
    };
  }

  async staffConsole(request: Request, c: StaffCredentials, active: string) {
    const site = request.app.xz.site;
    const entries = [...this.staffEntries]
      .filter((e) => !(e.schoolsOnly && site.isMain))
      .sort((a, b) => a.order - b.order);
    const menu = await Promise.all(
      entries.map(async (e) => {
        const badge = e.badge ? await e.badge(request, c) : null;
        return {
          label: e.label,
          href: e.href,
          current: e.key === active,
          ...(badge && badge.count > 0 ? { badge: badge.count, badgeLabel: badge.label } : {}),
        };
      }),
    );
    return {
      site: { name: site.name, isMain: site.isMain },
      staff: { username: c.username, name: c.name ?? '' },
      menu,
    };
  }

  /** The student area's shell: the school, who is signed in, and the menu. */
  async studentArea(request: Request, c: StudentSession, active: string) {
    const entries = [...this.studentEntries].sort((a, b) => a.order - b.order);
    const menu = await Promise.all(
      entries.map(async (e) => {
        const badge = e.badge ? await e.badge(c) : null;
        return {
          label: e.label,
          href: e.href,
          current: e.key === active,
          ...(badge && badge.count > 0 ? { badge: badge.count, badgeLabel: badge.label } : {}),
        };
      }),
    );
    return { school: { name: request.app.xz.site.name }, student: { name: c.name }, menu };
  }

  /** The employer-centre home's cards the account may see, in order, each with its partial and data. */
  async homeCards(request: Request, c: EmployerSession) {
    const visible = this.cards
      .filter((card) => !card.permission || c.permissions.includes(card.permission))
      .sort((a, b) => a.order - b.order);
    const loaded = await Promise.all(
      visible.map(async (card) => ({ card, data: await card.load(request, c) })),
    );
    return loaded
      .filter((l) => l.data !== null)
      .map(({ card, data }) => ({ key: card.key, partial: card.partial, data }));
  }
}
