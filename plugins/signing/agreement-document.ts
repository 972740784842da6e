// The signed agreement as a document: 全国普通高等学校毕业生就业协议书 in Chinese (甲方 the employer, 乙方 the student with
// the full ID number — it is the agreement itself —, 丙方 the school's career centre, the offer, the three confirmation
// dates, the agreement number and a QR code of its verify URL), and the certificate kind `agreement` that the QR code
// opens. The kind reads the agreement live (a terminated one shows 已解约) and lists its fields explicitly: parties,
// dates and state, NEVER the student's ID number.
import type { Knex } from 'knex';
import type { Clock } from '../../core/clock.js';
import type { Db } from '../../core/db/knex.js';
import type { DocumentRow } from '../../core/documents/pdf.js';
import { renderSectionsPdf } from '../../core/documents/sections-pdf.js';
import { formatDate, formatDateTime } from '../../core/format/index.js';
import type { SiteRegistry } from '../../core/tenancy/sites.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { CertificateService } from '../certificates/certificate-service.js';
import { AGREEMENT_KIND, type AgreementService, type EmployerLookup } from './agreement-service.js';
import { STATUS_LABELS } from './agreement-transitions.js';
import type { AgreementStatus } from './models/agreement.js';

const NAME = '全国普通高等学校毕业生就业协议书';

/** What the QR code shows (`GET /api/v1/public/certificates/{code}`), beside `kind`. */
export interface AgreementCertificateFields {
  [field: string]: string | number | boolean | null;
  agreementNo: string;
  employer: string;
  student: string;
  school: string;
  position: string;
  employerSignedAt: string | null;
  acceptedAt: string | null;
  schoolConfirmedAt: string | null;
  terminatedAt: string | null;
  status: AgreementStatus;
  statusLabel: string;
}

const date = (d: Date | string | null) => (d ? formatDate(new Date(d)) : null);

/** 丙方: the school's career centre. */
export const careerCentre = (schoolName: string) => `${schoolName}就业指导中心`;

function rowsOf(f: AgreementCertificateFields): DocumentRow[] {
  return [
    { label: '协议编号', value: f.agreementNo },
    { label: '甲方（用人单位）', value: f.employer },
    { label: '乙方（毕业生）', value: f.student },
    { label: '丙方（学校）', value: careerCentre(f.school) },
    { label: '岗位', value: f.position },
    { label: '单位确认', value: f.employerSignedAt ?? '—' },
    { label: '学生确认', value: f.acceptedAt ?? '—' },
    { label: '学校确认', value: f.schoolConfirmedAt ?? '—' },
    ...(f.terminatedAt ? [{ label: '解约日期', value: f.terminatedAt }] : []),
  ];
}

export class AgreementDocuments {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly clock: Clock,
    private readonly certificates: CertificateService,
    private readonly agreements: AgreementService,
    private readonly employer: EmployerLookup,
  ) {}

  /** Registers the kind with the certificates feature (once, at plugin registration). */
  register(): void {
    this.certificates.registerKind<AgreementCertificateFields>(AGREEMENT_KIND, {
      name: NAME,
      resolve: (id, trx) => this.fields(id, trx),
      present: (f) => ({
        valid: f.status === 'signed' || f.status === 'terminating' || f.status === 'termination_refused',
        status:
          f.status === 'terminated'
            ? '协议已解除（已解约），不再有效'
            : f.status === 'terminating'
              ? '协议有效，正在办理解约'
              : f.status === 'signed' || f.status === 'termination_refused'
                ? '协议有效：三方均已确认'
                : `协议${f.statusLabel}，无效`,
        rows: rowsOf(f),
      }),
    });
  }

  /** The agreement's public fields now (never the ID number), or null when it does not exist. */
  async fields(id: number, trx?: Knex.Transaction): Promise<AgreementCertificateFields | null> {
    const a = (await (trx ?? this.db)('agreements as a')
      .join('students as s', 's.id', 'a.student_id')
      .join('employers as e', 'e.id', 'a.employer_id')
      .where('a.id', id)
      .first(
        'a.agreement_no',
        'a.status',
        'a.site_id',
        'a.position',
        'a.employer_signed_at',
        'a.accepted_at',
        'a.school_confirmed_at',
        'a.terminated_at',
        's.name as student',
        'e.name as employer',
      )) as
      | {
          agreement_no: string;
          status: AgreementStatus;
          site_id: number;
          position: string;
          employer_signed_at: Date;
          accepted_at: Date | null;
          school_confirmed_at: Date | null;
          terminated_at: Date | null;
          student: string;
          employer: string;
        }
      | undefined;
    if (!a) return null;
    return {
      agreementNo: a.agreement_no,
      employer: a.employer,
      student: a.student,
      school: this.sites.byId(a.site_id)?.name ?? '',
      position: a.position,
      employerSignedAt: date(a.employer_signed_at),
      acceptedAt: date(a.accepted_at),
      schoolConfirmedAt: date(a.school_confirmed_at),
      terminatedAt: date(a.terminated_at),
      status: a.status,
      statusLabel: STATUS_LABELS[a.status],
    };
  }

  /** The agreement PDF of one of the employer's signed agreements (404 another's, 409 NOT_SIGNED unless signed). */
  async pdf(
    c: EmployerCredentials,
    id: number,
  ): Promise<{ pdf: Buffer; filename: string; verifyUrl: string }> {
    const row = await this.agreements.signedRow(c, id);
    const site = this.sites.byId(row.site_id)!;
    const issued = await this.certificates.issue(AGREEMENT_KIND, id, site.id);
    const e = await this.employer(row.employer_id);
    const offer = this.agreements.offerOf(row);
    const pdf = await renderSectionsPdf({
      title: NAME,
      subtitle: `协议编号 ${row.agreement_no} · 网上签约（校招网络）`,
      sections: [
        {
          heading: '甲方（用人单位）',
          rows: [
            { label: '单位名称', value: e.name },
            { label: '统一社会信用代码', value: e.uscc },
            { label: '单位地址', value: e.address ?? '—' },
            { label: '联系人', value: `${e.contactName} ${e.contactPhone}` },
          ],
        },
        {
          heading: '乙方（毕业生）',
          rows: [
            { label: '姓名', value: row.student_name },
            { label: '身份证号', value: row.student_id_number },
            { label: '学校', value: site.name },
            { label: '专业', value: row.student_major },
            { label: '学历', value: row.student_degree },
            { label: '毕业年份', value: `${row.student_graduation_year}年` },
          ],
        },
        {
          heading: '丙方（学校）',
          rows: [{ label: '名称', value: careerCentre(site.name) }],
        },
        {
          heading: '录用条件',
          rows: [
            { label: '工作岗位', value: offer.position },
            { label: '月薪（税前）', value: `${offer.salaryMonthly} 元` },
            { label: '试用期', value: offer.probationMonths ? `${offer.probationMonths} 个月` : '无' },
            { label: '合同期限', value: offer.contractYears ? `${offer.contractYears} 年` : '另行约定' },
            { label: '工作地点', value: offer.workPlace },
            {
              label: '档案转递',
              value: offer.archive.forward ? `转递至：${offer.archive.address}` : '不转递',
            },
            { label: '户口迁移', value: offer.hukou.transfer ? `迁移至：${offer.hukou.address}` : '不迁移' },
            ...(offer.note ? [{ label: '其他约定', value: offer.note }] : []),
          ],
        },
        {
          heading: '三方确认',
          rows: [
            { label: '甲方确认（邀约）', value: formatDateTime(new Date(row.employer_signed_at)) },
            {
              label: '乙方确认（应约）',
              value: row.accepted_at ? formatDateTime(new Date(row.accepted_at)) : '—',
            },
            {
              label: '丙方确认（学校）',
              value: row.school_confirmed_at ? formatDateTime(new Date(row.school_confirmed_at)) : '—',
            },
          ],
          paragraphs: [
            '本协议经甲、乙、丙三方在校招网络上依次确认后生效，三方各自留存电子文本，与纸质协议书具有同等效力。协议的解除须经一方申请、另一方同意并由丙方确认。',
          ],
        },
      ],
      qr: { url: issued.verifyUrl, caption: '扫码核验本协议的当事方、确认日期与当前状态（不显示身份证号）' },
      footer: [
        `协议编号 ${row.agreement_no} 下载人：${c.name}（${e.name}） 下载时间：${formatDateTime(this.clock.now())}（北京时间）`,
      ],
      subject: `${e.name} · ${row.student_name} · ${offer.position}`,
    });
    return {
      pdf,
      filename: `就业协议书-${row.agreement_no}-${row.student_name}.pdf`,
      verifyUrl: issued.verifyUrl,
    };
  }
}
