// Uploaded files (authorisation letters, payment receipts …): PDF, JPEG or PNG recognised by their content, never
// their name; at most 10 MB; sha256 recorded. Nothing is stored when a file is refused, and the bytes are removed
// again if the row cannot be written.
import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../../core/db/knex.js';
import { appError } from '../../core/http/errors.js';
import type { StorageDriver } from './storage.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const ALLOWED_MIME = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const FILE_PURPOSES = ['authorization-letter', 'payment-receipt', 'attachment', 'logo'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export interface StoredFile {
  id: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
  purpose: string;
  createdAt: string;
}

interface FileRow {
  id: string;
  employer_id: number | null;
  purpose: string;
  name: string;
  size: number;
  mime: string;
  sha256: string;
  storage_key: string;
  created_at: Date;
}

function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'file';
}

export class FileService {
  constructor(
    private readonly db: Db,
    private readonly storage: StorageDriver,
  ) {}

  private view(row: FileRow): StoredFile {
    return {
      id: row.id,
      name: row.name,
      size: row.size,
      mime: row.mime,
      sha256: row.sha256,
      purpose: row.purpose,
      createdAt: new Date(row.created_at).toISOString(),
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
      const [row] = (await this.db('files')
        .insert({
          id,
          employer_id: input.employerId,
          uploaded_by: input.accountId,
          purpose: input.purpose,
          name: cleanName(input.filename),
          size: input.data.length,
          mime: type.mime,
          sha256,
          storage_key: key,
        })
        .returning('*')) as FileRow[];
      return this.view(row!);
    } catch (err) {
      await this.storage.remove(key);
      throw err;
    }
  }

  async find(
    id: string,
  ): Promise<(StoredFile & { employerId: number | null; storageKey: string }) | undefined> {
    const row = (await this.db('files').where({ id }).first()) as FileRow | undefined;
    return row ? { ...this.view(row), employerId: row.employer_id, storageKey: row.storage_key } : undefined;
  }

  /** True when the file exists and belongs to the employer. */
  async ownedBy(id: string, employerId: number): Promise<boolean> {
    return !!(await this.db('files').where({ id, employer_id: employerId }).first('id'));
  }

  /**
   * Removes files this employer uploaded for something that was then not saved (a form that failed after its files
   * were stored), so no unreferenced upload is left behind. Only the employer's own files are touched.
   */
  async discard(ids: string[], employerId: number): Promise<void> {
    if (ids.length === 0) return;
    const rows = (await this.db('files')
      .whereIn('id', ids)
      .where({ employer_id: employerId })
      .delete()
      .returning('storage_key')) as { storage_key: string }[];
    for (const row of rows) await this.storage.remove(row.storage_key);
  }

  read(storageKey: string): Promise<Buffer> {
    return this.storage.get(storageKey);
  }
}
