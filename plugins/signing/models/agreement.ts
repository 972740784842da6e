// A tripartite agreement (三方协议) from the employer's invitation to its end. `siteId` is the student's school. The
// offer fields are what the student accepted; `employerSignedAt` is the invitation's time (the employer's
// confirmation), `acceptedAt` the student's and `schoolConfirmedAt` the school's. One agreement in force per student is
// a partial unique index (see the migration), never a check in code.
import { BaseModel, column } from '../../../core/db/model.js';

export const AGREEMENT_STATUSES = [
  'invited',
  'accepted',
  'signed',
  'declined',
  'expired',
  'rejected',
  'withdrawn',
  'terminating',
  'terminated',
  'termination_refused',
] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** The states in which the student is bound (the partial unique index's). */
export const ACTIVE_STATUSES: readonly AgreementStatus[] = [
  'accepted',
  'signed',
  'terminating',
  'termination_refused',
];

export const AGREEMENT_TABS = [
  'signing',
  'signed',
  'failed',
  'terminating',
  'terminated',
  'termination_failed',
] as const;
export type AgreementTab = (typeof AGREEMENT_TABS)[number];

/** The six tabs of 签约解约管理 and the states each groups. */
export const TAB_STATUSES: Record<AgreementTab, readonly AgreementStatus[]> = {
  signing: ['invited', 'accepted'],
  signed: ['signed'],
  failed: ['declined', 'expired', 'rejected', 'withdrawn'],
  terminating: ['terminating'],
  terminated: ['terminated'],
  termination_failed: ['termination_refused'],
};

export const TAB_LABELS: Record<AgreementTab, string> = {
  signing: '签约中',
  signed: '已签约',
  failed: '签约失败',
  terminating: '解约中',
  terminated: '已解约',
  termination_failed: '解约失败',
};

export function tabOf(status: AgreementStatus): AgreementTab {
  return AGREEMENT_TABS.find((t) => TAB_STATUSES[t].includes(status))!;
}

export class Agreement extends BaseModel {
  static override tableName = 'agreements';

  declare id: number;
  declare employerId: number;
  declare studentId: number;
  declare siteId: number;
  declare status: AgreementStatus;
  declare agreementNo: string;
  declare position: string;
  declare salaryMonthly: number;
  declare probationMonths: number;
  declare contractYears: number;
  declare workPlace: string;
  declare archiveForward: boolean;
  declare archiveAddress: string | null;
  declare hukouTransfer: boolean;
  declare hukouAddress: string | null;
  declare respondBy: string;
  declare note: string | null;
  declare invitedBy: number | null;
  declare reinvitedFrom: number | null;
  declare employerSignedAt: Date | string;
  declare acceptedAt: Date | string | null;
  declare schoolConfirmedAt: Date | string | null;
  declare schoolConfirmedBy: number | null;
  declare closedAt: Date | string | null;
  declare schoolComment: string | null;
  declare terminationRequestedBy: 'employer' | 'student' | null;
  declare terminationReason: string | null;
  declare terminationRequestedAt: Date | string | null;
  declare terminationAgreedAt: Date | string | null;
  declare terminationNote: string | null;
  declare terminatedAt: Date | string | null;
  declare createdAt: Date | string;
  declare updatedAt: Date | string;

  static override jsonSchema = {
    type: 'object',
    required: ['employerId', 'studentId', 'siteId', 'position', 'workPlace', 'respondBy'],
    properties: {
      id: column.id,
      employerId: column.integer,
      studentId: column.integer,
      siteId: column.integer,
      status: column.enumOf(AGREEMENT_STATUSES),
      agreementNo: column.text,
      position: column.text,
      salaryMonthly: column.integer,
      probationMonths: column.integer,
      contractYears: column.integer,
      workPlace: column.text,
      archiveForward: column.boolean,
      archiveAddress: column.nullableText,
      hukouTransfer: column.boolean,
      hukouAddress: column.nullableText,
      respondBy: column.text,
      note: column.nullableText,
    },
  };
}
