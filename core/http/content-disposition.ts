// Content-Disposition for a download whose name may be Chinese: an ASCII `filename` for old clients (every other
// character replaced) and the exact name as RFC 5987 `filename*` (UTF-8, percent-encoded), which browsers prefer;
// and `download`, the response every download route answers with.
import type { ResponseObject, ResponseToolkit } from '@hapi/hapi';

/** RFC 5987 ext-value of a UTF-8 string: everything but attr-char is percent-encoded. */
function extValue(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="…"; filename*=UTF-8''…` for the file's own name. */
export function contentDisposition(name: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${extValue(name)}`;
}

/**
 * A file download: its bytes (or a stream) with its type and its own name, never sniffed by the browser, and by
 * default never kept by a cache (personal documents). Every download route answers through this.
 */
export function download(
  h: ResponseToolkit,
  body: Buffer | NodeJS.ReadableStream,
  file: { type: string; name: string; cache?: string; size?: number },
): ResponseObject {
  const response = h
    .response(body)
    .type(file.type)
    .header('Content-Disposition', contentDisposition(file.name))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', file.cache ?? 'private, no-store');
  if (file.size !== undefined) response.header('Content-Length', String(file.size));
  return response;
}
