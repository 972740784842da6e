// Employers: registration (USCC check character, unique name/USCC/phone enforced by the database), the profile,
// and certification: the first complete profile applies to join `main`, whose approval by province staff is the
// provincial certification. A USCC failing its check character registers only when the employer asks for a manual
// check, and `main` cannot approve it until province staff record an override with a reason.
import type { Knex } from 'knex';
import { fn, type PartialModelObject } from 'objection';
import type { StaffCredentials } from '../../core/auth/principals.js';
import type { Db } from '../../core/db/knex.js';
import { appError, validationError, type ErrorDetail } from '../../core/http/errors.js';
import { checkUscc, normalizeUscc, USCC_MESSAGES } from '../../core/identifiers.js';
import type { SiteRegistry } from '../../core/tenancy/sites.js';
import { isStaffOf } from '../../core/tenancy/scope.js';
import { regionFullName } from '../../core/regions.js';
import { toRow } from '../../core/db/model.js';
import type { AccountRow, AccountService } from '../accounts/account-service.js';
import type { FileService } from '../files/file-service.js';
import type { MembershipRow, MembershipService } from '../network/membership-service.js';
import type { ReviewService } from '../reviews/review-service.js';
import type { VerificationService } from '../verification/verification-service.js';
import { Employer } from './models/employer.js';
import { COLUMNS, FIELD_LABELS, letterFor, missingMessage, REQUIRED, type ProfileInput } from './profile.js';
import { uniqueViolation } from '../../core/db/errors.js';

const ERRORS = {
  EMPLOYER_NAME_TAKEN: [409, 'EMPLOYER_NAME_TAKEN', '该单位名称已注册，不能重复注册'],
  USCC_TAKEN: [409, 'USCC_TAKEN', '该统一社会信用代码已注册，不能重复注册'],
  PHONE_TAKEN: [409, 'PHONE_TAKEN', '该手机号已注册'],
  NOT_FOUND: [404, 'NOT_FOUND', '单位不存在'],
  USCC_NOT_VERIFIED: [
    409,
    'USCC_NOT_VERIFIED',
    '该单位统一社会信用代码校验未通过，请先填写人工核验意见再审核通过',
  ],
  USCC_OVERRIDE_NOT_NEEDED: [409, 'USCC_OVERRIDE_NOT_NEEDED', '该单位统一社会信用代码校验通过，无需人工核验'],
  PROVINCE_ONLY: [403, 'FORBIDDEN', '只有省级管理员可以核验统一社会信用代码'],
  PROFILE_INCOMPLETE: [422, 'PROFILE_INCOMPLETE', '单位信息不完整，请补全以下内容后再提交认证'],
} as const;

function fail(key: keyof typeof ERRORS) {
  const [status, code, message] = ERRORS[key];
  return appError(status, code, message);
}

export type EmployerStatus = 'unverified' | 'pending' | 'verified' | 'rejected';

export interface EmployerRow {
  id: number;
  name: string;
  uscc: string;
  uscc_check_passed: boolean;
  uscc_override_reason: string | null;
  uscc_override_at: Date | null;
  e_sign_enabled: boolean;
  contact_name: string;
  contact_phone: string;
  contact_email: string | null;
  nature: string | null;
  industry: string | null;
  scale: string | null;
  region_code: string | null;
  address: string | null;
  website: string | null;
  intro: string | null;
  authorization_letter_file_id: string | null;
  profile_submitted_at: Date | null;
  created_at: Date;
}

export interface RegistrationInput {
  name: string;
  uscc: string;
  contactName: string;
  contactPhone: string;
  smsCode: string;
  password: string;
  email?: string | null;
  enableESign: boolean;
  /** The USCC fails its check character but is real: ask province staff to verify it by hand. */
  usccManualReview?: boolean;
}

export class EmployerService {
  constructor(
    private readonly db: Db,
    private readonly sites: SiteRegistry,
    private readonly accounts: AccountService,
    private readonly memberships: MembershipService,
    private readonly reviews: ReviewService,
    private readonly verification: VerificationService,
    private readonly files: FileService,
  ) {
    memberships.addApprovalGuard(async (trx, membership, site) => {
      if (!site.isMain) return;
      const employer = (await Employer.query(trx).findById(membership.employer_id))!;
      if (!employer.usccCheckPassed && !employer.usccOverrideReason) throw fail('USCC_NOT_VERIFIED');
    });
  }

  async get(id: number, trx?: Knex.Transaction): Promise<EmployerRow> {
    const employer = await Employer.query(trx ?? this.db).findById(id);
    if (!employer) throw fail('NOT_FOUND');
    return toRow<EmployerRow>(employer);
  }

  async status(
    employerId: number,
    trx?: Knex.Transaction,
  ): Promise<{ status: EmployerStatus; membership: MembershipRow | undefined }> {
    const membership = await this.memberships.get(employerId, this.sites.main(), trx);
    const status: EmployerStatus = !membership
      ? 'unverified'
      : membership.status === 'approved'
        ? 'verified'
        : membership.status;
    return { status, membership };
  }

  async summary(employerId: number) {
    const row = await this.get(employerId);
    const { status } = await this.status(employerId);
    return { id: row.id, name: row.name, uscc: row.uscc, status };
  }

  /** Refuses with the specific 409 when a name, USCC or phone is already registered. */
  async assertAvailable(input: { name?: string; uscc?: string; phone?: string }): Promise<void> {
    if (input.name && (await Employer.query(this.db).findOne({ name: input.name }).select('id')))
      throw fail('EMPLOYER_NAME_TAKEN');
    if (input.uscc && (await Employer.query(this.db).findOne({ uscc: input.uscc }).select('id')))
      throw fail('USCC_TAKEN');
    if (input.phone && (await this.accounts.byPhone(input.phone))) throw fail('PHONE_TAKEN');
  }

  /**
   * Every one of name, USCC and phone already registered, as field errors (paths `name`, `uscc`, `contactPhone`):
   * the registration form names them all in one answer. The database's unique indexes still decide.
   */
  async taken(input: { name?: string; uscc?: string; phone?: string }): Promise<ErrorDetail[]> {
    const [name, uscc, phone] = await Promise.all([
      input.name ? Employer.query(this.db).findOne({ name: input.name }).select('id') : undefined,
      input.uscc ? Employer.query(this.db).findOne({ uscc: input.uscc }).select('id') : undefined,
      input.phone ? this.accounts.byPhone(input.phone) : undefined,
    ]);
    return [
      ...(name ? [{ path: 'name', message: ERRORS.EMPLOYER_NAME_TAKEN[2] }] : []),
      ...(uscc ? [{ path: 'uscc', message: ERRORS.USCC_TAKEN[2] }] : []),
      ...(phone ? [{ path: 'contactPhone', message: ERRORS.PHONE_TAKEN[2] }] : []),
    ];
  }

  /** Checks the USCC; returns the normalised code and whether its check character passed. */
  checkUscc(raw: string, manualReview: boolean): { uscc: string; passed: boolean } {
    const uscc = normalizeUscc(raw);
    const result = checkUscc(uscc);
    if (result === 'shape') throw validationError([{ path: 'uscc', message: USCC_MESSAGES.shape }]);
    if (result === 'check_char' && !manualReview)
      throw validationError([{ path: 'uscc', message: USCC_MESSAGES.check_char }]);
    return { uscc, passed: result === 'ok' };
  }

  async register(input: RegistrationInput): Promise<{ employer: EmployerRow; account: AccountRow }> {
    const name = input.name.trim();
    const { uscc, passed } = this.checkUscc(input.uscc, input.usccManualReview === true);
    await this.assertAvailable({ name, uscc, phone: input.contactPhone });
    await this.verification.consume(input.contactPhone, 'register', input.smsCode);
    const passwordHash = await this.accounts.hash(input.password);
    try {
      return await this.db.transaction(async (trx) => {
        const employer = await Employer.query(trx)
          .insert({
            name,
            uscc,
            usccCheckPassed: passed,
            eSignEnabled: input.enableESign,
            contactName: input.contactName,
            contactPhone: input.contactPhone,
            contactEmail: input.email || null,
          })
          .returning('*');
        const account = await this.accounts.createAdmin(trx, employer.id, {
          phone: input.contactPhone,
          name: input.contactName,
          email: input.email || null,
          passwordHash,
        });
        return { employer: toRow<EmployerRow>(employer), account };
      });
    } catch (err) {
      const constraint = uniqueViolation(err);
      if (constraint === 'employers_name_unique') throw fail('EMPLOYER_NAME_TAKEN');
      if (constraint === 'employers_uscc_unique') throw fail('USCC_TAKEN');
      if (constraint === 'employer_accounts_phone_unique') throw fail('PHONE_TAKEN');
      throw err;
    }
  }

  missing(row: EmployerRow): (keyof ProfileInput)[] {
    return REQUIRED.filter((key) => {
      const v = row[COLUMNS[key] as keyof EmployerRow];
      return v === null || v === undefined || v === '';
    });
  }

  async profile(employerId: number) {
    const row = await this.get(employerId);
    const { status, membership } = await this.status(employerId);
    const missing = this.missing(row);
    return {
      id: row.id,
      name: row.name,
      uscc: row.uscc,
      usccCheckPassed: row.uscc_check_passed,
      usccVerifiedByStaff: !!row.uscc_override_reason,
      status,
      certification: membership
        ? {
            status: membership.status,
            comment: membership.comment,
            appliedAt: new Date(membership.applied_at).toISOString(),
            decidedAt: membership.decided_at ? new Date(membership.decided_at).toISOString() : null,
          }
        : null,
      eSign: { enabled: row.e_sign_enabled, authorizationLetter: letterFor(row.e_sign_enabled) },
      contactPhone: row.contact_phone,
      nature: row.nature,
      industry: row.industry,
      scale: row.scale,
      regionCode: row.region_code,
      regionName: regionFullName(row.region_code),
      address: row.address,
      website: row.website,
      intro: row.intro,
      contactName: row.contact_name,
      contactEmail: row.contact_email,
      authorizationLetterFileId: row.authorization_letter_file_id,
      profileComplete: missing.length === 0,
      missingFields: missing.map((key) => ({ field: key, label: FIELD_LABELS[key] })),
      submittedAt: row.profile_submitted_at ? new Date(row.profile_submitted_at).toISOString() : null,
    };
  }

  /**
   * Saves profile fields. `apply` says what the save means for certification (joining `main`):
   * - omitted: once the profile is complete, the first save applies; after a rejection, a complete save applies again;
   * - `false` (保存草稿): any subset of fields is saved and nothing is applied for;
   * - `true` (提交认证): the profile must be complete once saved — otherwise 422 PROFILE_INCOMPLETE names every field
   *   still missing (details) and nothing is saved — and then applies as when omitted.
   */
  async updateProfile(
    employerId: number,
    accountId: number,
    input: ProfileInput,
    options: { apply?: boolean } = {},
  ): Promise<{ applied: boolean }> {
    if (
      input.authorizationLetterFileId &&
      !(await this.files.ownedBy(input.authorizationLetterFileId, employerId))
    ) {
      throw validationError([
        { path: 'authorizationLetterFileId', message: '授权委托书文件不存在，请重新上传' },
      ]);
    }
    return this.db.transaction(async (trx) => {
      // The profile's fields are the model's properties: an emptied optional field is stored as NULL.
      const fields: Record<string, string | null> = {};
      for (const key of Object.keys(FIELD_LABELS) as (keyof ProfileInput)[]) {
        const value = input[key];
        if (value !== undefined) fields[key] = value === '' ? null : value;
      }
      const changes: PartialModelObject<Employer> = { ...fields, updatedAt: fn.now() };
      const [employer] = await Employer.query(trx).where('id', employerId).patch(changes).returning('*');
      if (!employer) throw fail('NOT_FOUND');
      if (options.apply === false) return { applied: false };
      const missing = this.missing(toRow<EmployerRow>(employer));
      if (missing.length > 0 && options.apply === true) {
        const [status, code, message] = ERRORS.PROFILE_INCOMPLETE;
        throw appError(
          status,
          code,
          message,
          missing.map((key) => ({ path: key, message: missingMessage(key) })),
        );
      }
      if (missing.length > 0) return { applied: false };
      const membership = await this.memberships.get(employerId, this.sites.main(), trx);
      if (membership && membership.status !== 'rejected') return { applied: false };
      await employer.$query(trx).patch({ profileSubmittedAt: fn.now() });
      await this.memberships.apply(trx, { id: employer.id, name: employer.name }, this.sites.main(), [], {
        kind: 'employer',
        id: accountId,
      });
      return { applied: true };
    });
  }

  /** Province staff record that a USCC failing its check character is real. */
  async overrideUscc(staff: StaffCredentials, employerId: number, reason: string) {
    if (!isStaffOf(staff, this.sites.main())) throw fail('PROVINCE_ONLY');
    await this.db.transaction(async (trx) => {
      const employer = await Employer.query(trx).findById(employerId).forUpdate();
      if (!employer) throw fail('NOT_FOUND');
      if (employer.usccCheckPassed) throw fail('USCC_OVERRIDE_NOT_NEEDED');
      await employer
        .$query(trx)
        .patch({ usccOverrideReason: reason, usccOverrideBy: staff.id, usccOverrideAt: fn.now() });
      const membership = await this.memberships.get(employerId, this.sites.main(), trx);
      const review = membership
        ? await this.reviews.find(this.sites.main().id, 'membership', membership.id, trx)
        : undefined;
      if (review)
        await this.reviews.event(trx, review, 'uscc_override', reason, { kind: 'staff', id: staff.id });
    });
    return this.profile(employerId);
  }
}
