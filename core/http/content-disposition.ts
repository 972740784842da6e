// Content-Disposition for a download whose name may be Chinese: an ASCII `filename` for old clients (every other
// character replaced) and the exact name as RFC 5987 `filename*` (UTF-8, percent-encoded), which browsers prefer.

/** RFC 5987 ext-value of a UTF-8 string: everything but attr-char is percent-encoded. */
function extValue(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="…"; filename*=UTF-8''…` for the file's own name. */
export function contentDisposition(name: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${extValue(name)}`;
}
