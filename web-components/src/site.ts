/**
 * What every xiaozhao element knows about a school site: the types of
 * `GET /api/v1/public/sites/{slug}`, a page-wide cache of that request, the
 * `xz-error` event shape and small helpers for untrusted API values.
 *
 * The site request is cached per page (per API base and slug) because several
 * elements of the same school usually sit on one page and all need its palette;
 * a failed request is forgotten so that the next attempt goes to the network.
 */
import { ApiError, getJson } from './api.js';

/** Theme settings of a school site, as returned by the public API (all optional). */
export interface SiteThemeSettings {
  primaryColor?: string;
  secondaryColor?: string;
  accentColor?: string;
  backgroundColor?: string;
  textColor?: string;
  logoText?: string;
  tagline?: string;
  [key: string]: unknown;
}

/** `GET /api/v1/public/sites/{slug}` response. */
export interface SiteInfo {
  slug: string;
  name: string;
  shortName?: string;
  city?: string;
  level?: string;
  url?: string;
  theme?: {
    name?: string;
    settings?: SiteThemeSettings;
    /** The palette colours darkened where needed for legible text (contrast 5.5:1 with white); see the site API. */
    inks?: Pick<SiteThemeSettings, 'primaryColor' | 'secondaryColor' | 'accentColor'>;
  } | null;
  employerTags?: Array<{ id: string; name: string }>;
}

/** `detail` of the `xz-error` event (same shape for every element). */
export interface XzErrorDetail {
  /** Slug that was requested. */
  slug: string;
  /** HTTP status, or 0 for a network / CORS failure. */
  status: number;
  /** API error code (e.g. `NOT_FOUND`) or `NETWORK_ERROR`, `INVALID_JSON`, `HTTP_<status>`. */
  code: string;
  /** The user-facing (Chinese) message shown by the element. */
  message: string;
}

const siteCache = new Map<string, Promise<SiteInfo>>();

function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * `GET {base}api/v1/public/sites/{slug}`, shared by every element of the page.
 * Aborting `signal` rejects this caller's promise only; the request itself
 * still completes for the other elements waiting on it.
 *
 * @throws {ApiError} as {@link getJson}.
 */
export function fetchSite(slug: string, base: string, signal?: AbortSignal): Promise<SiteInfo> {
  const key = `${base}\n${slug}`;
  let request = siteCache.get(key);
  if (!request) {
    request = getJson<SiteInfo>(`api/v1/public/sites/${encodeURIComponent(slug)}`, { base });
    siteCache.set(key, request);
    request.catch(() => siteCache.delete(key));
  }
  return abortable(request, signal);
}

/** The Chinese message of an API error, or `fallback` when the API gave none. */
export function errorMessage(error: unknown, fallback: string): string {
  return (error instanceof ApiError && error.serverMessage) || fallback;
}

/** The `xz-error` detail for a failed request. */
export function errorDetail(slug: string, error: unknown, fallback: string): XzErrorDetail {
  return {
    slug,
    status: error instanceof ApiError ? error.status : 0,
    code: error instanceof ApiError ? error.code : 'UNKNOWN',
    message: errorMessage(error, fallback),
  };
}

/** Dispatches a bubbling, composed `CustomEvent` (it crosses shadow roots up to the page). */
export function emit<T>(target: EventTarget, type: string, detail: T): void {
  target.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
}

/** Only http(s) links are rendered (never `javascript:` etc.). */
export function safeHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    const u = new URL(value, document.baseURI);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

declare global {
  interface HTMLElementEventMap {
    'xz-error': CustomEvent<XzErrorDetail>;
  }
}
