// Page links of a list, for every list page (employer centre, staff console, public listings): the first, the last
// and two pages either side of the current one. Paths are site-relative; the `url` helper adds any prefix.

export interface Pager {
  total: number;
  page: number;
  pages: number;
  prev?: string;
  next?: string;
  items: { n?: number; href?: string; current?: boolean; gap?: boolean }[];
}

export type ListQuery = Record<string, string | number | undefined | null>;

/** `path?…&page=n` keeping the filters that are set. */
export function listHref(path: string, query: ListQuery, page = 1): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Null when one page holds all. */
export function pager(
  path: string,
  query: ListQuery,
  page: number,
  pageSize: number,
  total: number,
): Pager | null {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const items: Pager['items'] = [];
  let last = 0;
  for (let n = 1; n <= pages; n += 1) {
    if (n !== 1 && n !== pages && Math.abs(n - page) > 2) continue;
    if (n - last > 1) items.push({ gap: true });
    items.push({ n, href: listHref(path, query, n), current: n === page });
    last = n;
  }
  return {
    total,
    page,
    pages,
    prev: page > 1 ? listHref(path, query, Math.min(page - 1, pages)) : undefined,
    next: page < pages ? listHref(path, query, page + 1) : undefined,
    items,
  };
}
