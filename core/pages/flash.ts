// Flash texts after redirect-after-post: the query names a key (`?done=saved`), never the text, so a link cannot
// make a page say anything. Each feature declares its own table.

/** The flash lookup of one feature's pages. */
export function flashTexts(table: Record<string, string>): (done: unknown) => string | undefined {
  return (done) => (typeof done === 'string' && Object.hasOwn(table, done) ? table[done] : undefined);
}
