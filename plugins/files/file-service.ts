// Uploaded files (authorisation letters, payment receipts …): PDF, JPEG or PNG recognised by their content, never
// their name; at most 10 MB; sha256 recorded. Nothing is stored when a file is refused, and the bytes are removed
// again if the row cannot be written.
// Quota: an employer uploads at most UPLOAD_QUOTA.files files and UPLOAD_QUOTA.bytes bytes per calendar day
// (Asia/Shanghai), counted over its `files` rows inside the inserting transaction under a per-employer advisory lock,
// so parallel uploads cannot overshoot; refused with 429 UPLOAD_QUOTA and nothing stored. Files deleted since (purged,
// discarded) no longer count.
// Orphans: a file no employer (letter), announcement (attachment), fair booking (receipt), résumé or application
// (a student's PDF attachment, as sent) or signing authorisation (letter) refers to is deleted, row and bytes, once it
// is older than ORPHAN_AGE_HOURS (the periodic task files.purge-orphans).
import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Knex } from 'knex';
import type { Readable } from 'node:stream';
import type { Db } from '../../core/db/knex.js';
import { foreignKeyViolation } from '../../core/db/errors.js';
import { appError } from '../../core/http/errors.js';
import { UploadedFile } from './models/uploaded-file.js';
import type { StorageDriver } from './storage.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const ALLOWED_MIME = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const FILE_PURPOSES = ['authorization-letter', 'payment-receipt', 'attachment', 'logo'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/** Per employer and calendar day (Asia/Shanghai). */
export const UPLOAD_QUOTA = { files: 50, bytes: 200 * 1024 * 1024 } as const;
/** Unattached files older than this are purged. */
export const ORPHAN_AGE_HOURS = 24;
const PURGE_BATCH = 500;
/** A student's résumé attachment: a PDF of at most this size, at most STUDENT_DAILY_FILES a day. */
export const STUDENT_MAX_FILE_BYTES = 5 * 1024 * 1024;
export const STUDENT_DAILY_FILES = 20;
/** First key of the advisory lock that serialises one student's uploads. */
const STUDENT_QUOTA_LOCK = 0x786a6673; // "xjfs"
/** First key of the two-key advisory lock that serialises one employer's uploads. */
const QUOTA_LOCK = 0x786a6671; // "xjfq"

/** Every column that refers to a file: a file none of them names is an orphan. */
const FILE_REFERENCES = `
  NOT EXISTS (SELECT 1 FROM employers e WHERE e.authorization_letter_file_id = f.id)
  AND NOT EXISTS (SELECT 1 FROM announcements a WHERE f.id = ANY (a.attachments))
  AND NOT EXISTS (SELECT 1 FROM fair_bookings b WHERE b.receipt_file_id = f.id)
  AND NOT EXISTS (SELECT 1 FROM student_resumes r WHERE r.attachment_file_id = f.id)
  AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.student_id = f.student_id
                  AND a.resume->'attachment'->>'id' = f.id::text)
  AND NOT EXISTS (SELECT 1 FROM signing_authorizations s WHERE s.letter_file_id = f.id)`;

export interface StoredFile {
  id: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
  purpose: string;
  createdAt: string;
}

function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  // eslint-disable-next-line no-control-regex -- stripping control characters from a file name is the point
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'file';
}

export class FileService {
  constructor(
    private readonly db: Db,
    private readonly storage: StorageDriver,
  ) {}

  private view(file: UploadedFile): StoredFile {
    return {
      id: file.id,
      name: file.name,
      size: file.size,
      mime: file.mime,
      sha256: file.sha256,
      purpose: file.purpose,
      createdAt: new Date(file.createdAt).toISOString(),
    };
  }

  async store(input: {
    employerId: number;
    accountId: number;
    purpose: FilePurpose;
    filename: string;
    data: Buffer;
  }): Promise<StoredFile> {
    if (input.data.length === 0) throw appError(400, 'EMPTY_FILE', '文件为空，请重新选择');
    if (input.data.length > MAX_FILE_BYTES) throw appError(413, 'FILE_TOO_LARGE', '文件不能超过 10 MB');
    const type = await fileTypeFromBuffer(input.data);
    if (!type || !(ALLOWED_MIME as readonly string[]).includes(type.mime)) {
      throw appError(415, 'UNSUPPORTED_FILE_TYPE', '只支持 PDF、JPG、PNG 格式的文件');
    }
    const id = randomUUID();
    const now = new Date();
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}.${type.ext}`;
    const sha256 = createHash('sha256').update(input.data).digest('hex');
    await this.storage.put(key, input.data);
    try {
      const file = await this.db.transaction(async (trx) => {
        await this.assertQuota(trx, input.employerId, input.data.length);
        return UploadedFile.query(trx)
          .insert({
            id,
            employerId: input.employerId,
            uploadedBy: input.accountId,
            purpose: input.purpose,
            name: cleanName(input.filename),
            size: input.data.length,
            mime: type.mime,
            sha256,
            storageKey: key,
          })
          .returning('*');
      });
      return this.view(file);
    } catch (err) {
      await this.storage.remove(key);
      throw err;
    }
  }

  /**
   * A student's résumé attachment (purpose `resume`): a PDF by its content, at most STUDENT_MAX_FILE_BYTES, at most
   * STUDENT_DAILY_FILES a day (429 UPLOAD_QUOTA, counted under a per-student advisory lock). Nothing is stored when
   * refused.
   */
  async storeForStudent(input: { studentId: number; filename: string; data: Buffer }): Promise<StoredFile> {
    if (input.data.length === 0) throw appError(400, 'EMPTY_FILE', '文件为空，请重新选择');
    if (input.data.length > STUDENT_MAX_FILE_BYTES)
      throw appError(413, 'FILE_TOO_LARGE', `简历附件不能超过 ${STUDENT_MAX_FILE_BYTES / 1024 / 1024} MB`);
    const type = await fileTypeFromBuffer(input.data);
    if (type?.mime !== 'application/pdf')
      throw appError(415, 'UNSUPPORTED_FILE_TYPE', '简历附件只支持 PDF 格式的文件');
    const id = randomUUID();
    const now = new Date();
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}.pdf`;
    const sha256 = createHash('sha256').update(input.data).digest('hex');
    await this.storage.put(key, input.data);
    try {
      const file = await this.db.transaction(async (trx) => {
        await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [STUDENT_QUOTA_LOCK, input.studentId]);
        const used = (await trx('files')
          .where('student_id', input.studentId)
          .whereRaw(
            `created_at >= (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')`,
          )
          .first(trx.raw('count(*)::int AS files'))) as { files: number };
        if (used.files + 1 > STUDENT_DAILY_FILES)
          throw appError(
            429,
            'UPLOAD_QUOTA',
            `今日上传已达上限（每天最多 ${STUDENT_DAILY_FILES} 个文件），请明天再试`,
          );
        return UploadedFile.query(trx)
          .insert({
            id,
            studentId: input.studentId,
            purpose: 'resume',
            name: cleanName(input.filename),
            size: input.data.length,
            mime: type.mime,
            sha256,
            storageKey: key,
          })
          .returning('*');
      });
      return this.view(file);
    } catch (err) {
      await this.storage.remove(key);
      throw err;
    }
  }

  /** The student's own file (its bytes' key included), or undefined. */
  async ofStudent(id: string, studentId: number): Promise<(StoredFile & { storageKey: string }) | undefined> {
    const file = await UploadedFile.query(this.db).findOne({ id, student_id: studentId });
    return file ? { ...this.view(file), storageKey: file.storageKey } : undefined;
  }

  /** 429 UPLOAD_QUOTA when one more file of `size` bytes would exceed the employer's quota for today. */
  private async assertQuota(trx: Knex.Transaction, employerId: number, size: number): Promise<void> {
    await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [QUOTA_LOCK, employerId]);
    const used = (await trx('files')
      .where('employer_id', employerId)
      .whereRaw(
        `created_at >= (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')`,
      )
      .first(trx.raw('count(*)::int AS files'), trx.raw('coalesce(sum(size), 0)::bigint AS bytes'))) as {
      files: number;
      bytes: string | number;
    };
    if (used.files + 1 > UPLOAD_QUOTA.files || Number(used.bytes) + size > UPLOAD_QUOTA.bytes) {
      throw appError(
        429,
        'UPLOAD_QUOTA',
        `今日上传已达上限（每个单位每天最多 ${UPLOAD_QUOTA.files} 个文件、共 ${UPLOAD_QUOTA.bytes / 1024 / 1024} MB），请明天再试`,
      );
    }
  }

  /**
   * Deletes files (rows, then bytes) older than ORPHAN_AGE_HOURS that nothing refers to, at most PURGE_BATCH a run;
   * returns how many. A file being attached at that moment is skipped (row lock) or kept (foreign key), never lost.
   */
  async purgeOrphans(): Promise<number> {
    const candidates = this.db('files as f')
      .select('f.id')
      .where('f.created_at', '<', this.db.raw('now() - make_interval(hours => ?)', [ORPHAN_AGE_HOURS]))
      .whereRaw(FILE_REFERENCES)
      .orderBy('f.created_at')
      .limit(PURGE_BATCH)
      .forUpdate()
      .skipLocked();
    let removed: { storage_key: string }[];
    try {
      removed = (await this.db('files').whereIn('id', candidates).delete().returning('storage_key')) as {
        storage_key: string;
      }[];
    } catch (err) {
      // attached while we looked: the next run sees the reference
      if (foreignKeyViolation(err) !== undefined) return 0;
      throw err;
    }
    for (const { storage_key } of removed) await this.storage.remove(storage_key);
    return removed.length;
  }

  async find(
    id: string,
  ): Promise<(StoredFile & { employerId: number | null; storageKey: string }) | undefined> {
    const file = await UploadedFile.query(this.db).findById(id);
    return file
      ? { ...this.view(file), employerId: file.employerId, storageKey: file.storageKey }
      : undefined;
  }

  /** True when the file exists and belongs to the employer. */
  async ownedBy(id: string, employerId: number): Promise<boolean> {
    return !!(await UploadedFile.query(this.db).findOne({ id, employer_id: employerId }).select('id'));
  }

  /**
   * Removes files this employer uploaded for something that was then not saved (a form that failed after its files
   * were stored), so no unreferenced upload is left behind. Only the employer's own files are touched.
   */
  async discard(ids: string[], employerId: number): Promise<void> {
    if (ids.length === 0) return;
    const files = await UploadedFile.query(this.db)
      .findByIds(ids)
      .where('employer_id', employerId)
      .delete()
      .returning('storage_key');
    for (const file of files) await this.storage.remove(file.storageKey);
  }

  read(storageKey: string): Promise<Buffer> {
    return this.storage.get(storageKey);
  }

  /** The stored bytes as a stream, for downloads. */
  stream(storageKey: string): Promise<Readable> {
    return this.storage.stream(storageKey);
  }

  /** The files among `ids` that exist, in the order of `ids`. */
  async describe(ids: readonly string[]): Promise<StoredFile[]> {
    if (ids.length === 0) return [];
    const found = new Map((await UploadedFile.query(this.db).findByIds([...ids])).map((f) => [f.id, f]));
    return ids.flatMap((id) => {
      const file = found.get(id);
      return file ? [this.view(file)] : [];
    });
  }
}
