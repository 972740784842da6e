// Uploaded files (authorisation letters, payment receipts …): PDF, JPEG or PNG recognised by their content, never
// their name; at most 10 MB; sha256 recorded. Nothing is stored when a file is refused, and the bytes are removed
// again if the row cannot be written.
import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../../core/db/knex.js';
import { appError } from '../../core/http/errors.js';
import { UploadedFile } from './models/uploaded-file.js';
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
      const file = await UploadedFile.query(this.db)
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
      return this.view(file);
    } catch (err) {
      await this.storage.remove(key);
      throw err;
    }
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
}
