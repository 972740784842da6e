// 参会凭证 of an approved info session: a one-page Chinese PDF (employer, school, room or live link, time, contacts) with
// a QR code of its certificate's verify URL, which a guard at the door opens on a phone. The certificate kind
// `presentation` reads the session live, so the verify page says 无效 as soon as the session is cancelled (or is no
// longer approved) — the PDF itself cannot be withdrawn, the code can. Never shows personal ID numbers: an info
// session has none, and the resolver lists its fields explicitly rather than copying the row.
import type { Knex } from 'knex';
import type { Clock } from '../../core/clock.js';
import type { Db } from '../../core/db/knex.js';
import { renderOnePagePdf } from '../../core/documents/one-page-pdf.js';
import type { DocumentRow } from '../../core/documents/pdf.js';
import type { SiteRegistry } from '../../core/tenancy/sites.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { CertificateService } from '../certificates/certificate-service.js';
import { fail } from './errors.js';
import { hhmm, localParts } from './local-time.js';
import { Presentation, type PresentationStatus } from './models/presentation.js';
import { CERTIFICATE_KIND, MODE_LABELS, type PresentationService } from './presentation-service.js';

const NAME = '宣讲会参会凭证';
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** What the QR code shows (`GET /api/v1/public/certificates/{code}`), beside `kind`. */
export interface PresentationCertificateFields {
  [field: string]: string | number | boolean | null;
  employer: string;
  site: string;
  title: string;
  mode: string;
  startsAt: string;
  endsAt: string;
  /** 'building name' of an offline session's room; null online. */
  room: string | null;
  liveUrl: string | null;
  contacts: string;
  status: PresentationStatus;
}

const VERDICT: Record<PresentationStatus, string> = {
  approved: '宣讲会已通过审核',
  pending: '宣讲会待审核',
  rejected: '宣讲会未通过审核',
  cancelled: '宣讲会已取消',
  withdrawn: '宣讲会已撤回',
};

/** '2026年12月10日（周四）14:00–16:00' in school time. */
export function certificateTime(startsAt: string, endsAt: string): string {
  const s = localParts(new Date(startsAt));
  const e = localParts(new Date(endsAt));
  const [y, m, d] = s.date.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(`${s.date}T00:00:00Z`).getUTCDay()];
  return `${y}年${m}月${d}日（${weekday}）${hhmm(s.time)}–${hhmm(e.time)}`;
}

function rowsOf(f: PresentationCertificateFields): DocumentRow[] {
  return [
    { label: '单位', value: f.employer },
    { label: '举办学校', value: f.site },
    { label: '宣讲会', value: f.title },
    { label: '宣讲方式', value: f.mode },
    f.room !== null ? { label: '场地', value: f.room } : { label: '直播链接', value: f.liveUrl ?? '—' },
    { label: '时间', value: certificateTime(f.startsAt, f.endsAt) },
    { label: '联系人', value: f.contacts },
  ];
}

export class PresentationCertificates {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly clock: Clock,
    private readonly certificates: CertificateService,
    private readonly presentations: PresentationService,
    private readonly employerName: (id: number, trx?: Knex.Transaction) => Promise<string>,
  ) {}

  /** Registers the kind with the certificates feature (once, at plugin registration). */
  register(): void {
    this.certificates.registerKind<PresentationCertificateFields>(CERTIFICATE_KIND, {
      name: NAME,
      resolve: (id, trx) => this.fields(id, trx),
      present: (f) => ({
        valid: f.status === 'approved',
        status: f.status === 'approved' ? VERDICT.approved : `${VERDICT[f.status]}，凭证已失效`,
        rows: rowsOf(f),
      }),
    });
  }

  /** The session's public fields now, or null when it does not exist. */
  async fields(id: number, trx?: Knex.Transaction): Promise<PresentationCertificateFields | null> {
    const p = await Presentation.query(trx ?? this.db)
      .findById(id)
      .withGraphFetched('room');
    if (!p) return null;
    return {
      employer: await this.employerName(p.employerId, trx),
      site: this.sites.byId(p.siteId)?.name ?? '',
      title: p.title,
      mode: MODE_LABELS[p.mode],
      startsAt: new Date(p.startsAt).toISOString(),
      endsAt: new Date(p.endsAt).toISOString(),
      room:
        p.mode === 'offline' && p.room
          ? `${p.room.building ? `${p.room.building} ` : ''}${p.room.name}`
          : null,
      liveUrl: p.mode === 'online' ? p.liveUrl : null,
      contacts: p.contacts.map((c) => `${c.name} ${c.phone}`).join('；'),
      status: p.status,
    };
  }

  /**
   * The 参会凭证 PDF of one of the employer's sessions (404 for another employer's, 409 NOT_APPROVED unless approved);
   * the first download issues the certificate code the QR code carries.
   */
  async pdf(
    c: EmployerCredentials,
    id: number,
  ): Promise<{ pdf: Buffer; filename: string; verifyUrl: string }> {
    const p = await this.presentations.get(c, id);
    if (p.status !== 'approved') throw fail('NOT_APPROVED');
    const site = this.sites.get(p.site.slug)!;
    const issued = await this.certificates.issue(CERTIFICATE_KIND, id, site.id);
    const fields = (await this.fields(id))!;
    const now = localParts(this.clock.now());
    const pdf = await renderOnePagePdf({
      title: NAME,
      subtitle: `${site.name} · 凭证编号 ${issued.code}`,
      rows: rowsOf(fields),
      qr: { url: issued.verifyUrl, caption: '入场时请出示此码，门卫扫码核验' },
      footer: [
        `签发时间 ${now.date} ${hhmm(now.time)}（北京时间）`,
        '本凭证以扫码核验结果为准：宣讲会取消后，扫码将显示凭证无效。',
      ],
      subject: `${fields.employer} · ${fields.title}`,
    });
    return { pdf, filename: `参会凭证-${site.name}-${p.title}.pdf`, verifyUrl: issued.verifyUrl };
  }
}
