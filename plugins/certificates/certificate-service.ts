// Certificate codes and what they verify. A feature registers a kind (presentation, agreement …) with a resolver that
// reads the subject's live public fields; issuing gives the subject one random code for good (idempotent, enforced
// by the unique (kind, subject_id) constraint, not by a check first). Lookups never reveal whether a malformed or
// unknown code exists: both are CERTIFICATE_NOT_FOUND. Resolvers must return only what a guard at the door may see
// (never ID numbers).
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../../core/db/knex.js';
import type { DocumentRow } from '../../core/documents/pdf.js';
import { appError } from '../../core/http/errors.js';
import type { SiteRegistry } from '../../core/tenancy/sites.js';

export const MESSAGES = {
  CERTIFICATE_NOT_FOUND: '凭证不存在或编号有误，请核对后重试',
};

export const CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const KIND_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

export type CertificateFields = Record<string, string | number | boolean | null>;

/** How a feature's subjects appear when their certificate code is checked. */
export interface CertificateKind<F extends CertificateFields = CertificateFields> {
  /** What the document is called, e.g. 宣讲会参会凭证. */
  name: string;
  /** The subject's public fields now, or null when it no longer exists (the code then reads as not found). */
  resolve(subjectId: number, trx?: Knex.Transaction): Promise<F | null>;
  /** How the verify page shows the fields: whether the document holds, its status in words, labelled rows. */
  present(fields: F): { valid: boolean; status: string; rows: DocumentRow[] };
}

export interface IssuedCertificate {
  code: string;
  /** The QR code's target on the issuing site: `/api/v1/public/certificates/{code}`. */
  verifyUrl: string;
}

export interface VerifiedCertificate {
  kind: string;
  name: string;
  siteId: number;
  fields: CertificateFields;
  presented: { valid: boolean; status: string; rows: DocumentRow[] };
}

export const verifyPath = (code: string) => `/api/v1/public/certificates/${code}`;

export class CertificateService {
  private readonly kinds = new Map<string, CertificateKind>();

  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
  ) {}

  /** Called once per kind at plugin registration; a second registration of one kind is a programming error. */
  registerKind<F extends CertificateFields>(kind: string, definition: CertificateKind<F>): void {
    if (!KIND_PATTERN.test(kind))
      throw new Error(`xiaozhao: certificate kind "${kind}" is not a lowercase name`);
    if (this.kinds.has(kind)) throw new Error(`xiaozhao: certificate kind "${kind}" is already registered`);
    this.kinds.set(kind, definition as unknown as CertificateKind);
  }

  /** The subject's code and verify URL, created on first call; later calls answer the same code. */
  async issue(
    kind: string,
    subjectId: number,
    siteId: number,
    trx?: Knex.Transaction,
  ): Promise<IssuedCertificate> {
    if (!this.kinds.has(kind)) throw new Error(`xiaozhao: certificate kind "${kind}" is not registered`);
    const site = this.sites.byId(siteId);
    if (!site) throw new Error(`xiaozhao: site ${siteId} is not loaded`);
    const db = trx ?? this.db;
    await db.raw(
      `INSERT INTO certificates (site_id, code, kind, subject_id) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, subject_id) DO NOTHING`,
      [siteId, randomBytes(16).toString('base64url'), kind, subjectId],
    );
    const row = (await db('certificates')
      .where({ kind, subject_id: subjectId })
      .first('code', 'site_id')) as {
      code: string;
      site_id: number;
    };
    const owner = this.sites.byId(row.site_id) ?? site;
    return { code: row.code, verifyUrl: this.sites.urlOf(owner, verifyPath(row.code)) };
  }

  /** The certificate already issued for the subject, or null: never creates one (views show `verifyUrl` once issued). */
  async find(kind: string, subjectId: number, trx?: Knex.Transaction): Promise<IssuedCertificate | null> {
    const row = (await (trx ?? this.db)('certificates')
      .where({ kind, subject_id: subjectId })
      .first('code', 'site_id')) as { code: string; site_id: number } | undefined;
    const site = row && this.sites.byId(row.site_id);
    if (!row || !site) return null;
    return { code: row.code, verifyUrl: this.sites.urlOf(site, verifyPath(row.code)) };
  }

  /** What a code verifies now, or 404 CERTIFICATE_NOT_FOUND. */
  async verify(code: string, trx?: Knex.Transaction): Promise<VerifiedCertificate> {
    const notFound = () => appError(404, 'CERTIFICATE_NOT_FOUND', MESSAGES.CERTIFICATE_NOT_FOUND);
    if (!CODE_PATTERN.test(code)) throw notFound();
    const row = (await (trx ?? this.db)('certificates')
      .where({ code })
      .first('kind', 'subject_id', 'site_id')) as
      { kind: string; subject_id: string | number; site_id: number } | undefined;
    const kind = row && this.kinds.get(row.kind);
    if (!row || !kind) throw notFound();
    const fields = await kind.resolve(Number(row.subject_id), trx);
    if (!fields) throw notFound();
    return { kind: row.kind, name: kind.name, siteId: row.site_id, fields, presented: kind.present(fields) };
  }
}
