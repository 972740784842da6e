/**
 * Tiny HTTP helper shared by the xiaozhao web components.
 *
 * Base URL of the platform
 * ------------------------
 * The bundle is served by the platform itself at `/widgets/v1/xiaozhao.js`.
 * Going two levels up from the script's own URL therefore yields the root of
 * the origin (or mount point) that serves it:
 *
 *   https://jobs.example.cn/widgets/v1/xiaozhao.js  ->  https://jobs.example.cn/
 *
 * An element may override this with an `api-base` attribute (absolute, or
 * relative to the embedding page), e.g. `<xz-site-card api-base="https://staging.example.cn/">`.
 */

/**
 * URL of this module once bundled, i.e. of `/widgets/v1/xiaozhao.js`.
 * (Kept in a variable on purpose: Vite rewrites the literal pattern
 * `new URL('<string>', import.meta.url)` as a build-time asset reference.)
 */
const scriptUrl: string = import.meta.url;

/** Default platform base URL, derived from where the script was loaded from. Always ends with `/`. */
export const DEFAULT_API_BASE: string = new URL('../..', scriptUrl).href;

/**
 * Resolve the base URL for a request: the element's `api-base` attribute if
 * given (resolved against the page), otherwise {@link DEFAULT_API_BASE}.
 * The result always ends with `/`.
 */
export function resolveApiBase(override?: string | null): string {
  const raw = override?.trim();
  if (!raw) return DEFAULT_API_BASE;
  const url = new URL(raw, document.baseURI);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url.href;
}

/** Error body returned by the platform API (Boom-style). */
export interface ApiErrorBody {
  statusCode?: number;
  code?: string;
  error?: string;
  message?: string;
  details?: Array<{ path: string; message: string }>;
}

/**
 * Failure of {@link getJson}.
 * - `status` is the HTTP status, or 0 for network / CORS failures and invalid JSON.
 * - `serverMessage` is the (Chinese, user-facing) `message` from the API's error body, if any.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly serverMessage: string | undefined;
  /** Field errors of a 400 VALIDATION, in Chinese. */
  readonly details: Array<{ path: string; message: string }> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    serverMessage?: string,
    details?: Array<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.serverMessage = serverMessage;
    this.details = details;
  }
}

export interface GetJsonOptions {
  /** Platform base URL (see {@link resolveApiBase}); defaults to {@link DEFAULT_API_BASE}. */
  base?: string;
  /** Abort signal (e.g. from `@lit/task`). */
  signal?: AbortSignal;
  /** Bearer token of a signed-in account (kept in memory by the element, never stored). */
  token?: string;
}

export interface SendJsonOptions extends GetJsonOptions {
  /** JSON body. */
  body?: unknown;
}

function isAbort(err: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || (err instanceof DOMException && err.name === 'AbortError');
}

/**
 * `GET {base}{path}` expecting JSON.
 *
 * `path` is resolved relative to `base`, so a leading `/` is ignored and a
 * platform mounted under a sub-path keeps working.
 *
 * Requests are anonymous (`credentials: 'omit'`): the public API is called
 * cross-origin from the universities' sites and needs no cookies.
 *
 * @throws {ApiError} on network failure, non-2xx status or invalid JSON.
 * @throws the signal's abort reason (an `AbortError`) if aborted.
 */
export function getJson<T>(path: string, options: GetJsonOptions = {}): Promise<T> {
  return sendJson<T>('GET', path, options);
}

/**
 * `{method} {base}{path}` with an optional JSON body, expecting JSON back.
 *
 * Like {@link getJson}, requests are anonymous (`credentials: 'omit'`); a signed-in element passes its
 * token, which is sent as `Authorization: Bearer …`.
 *
 * @throws {ApiError} on network failure, non-2xx status or invalid JSON; `details` carries the API's
 * field errors (`[{ path, message }]`) of a 400 VALIDATION.
 * @throws the signal's abort reason (an `AbortError`) if aborted.
 */
export async function sendJson<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: SendJsonOptions = {},
): Promise<T> {
  const { base = DEFAULT_API_BASE, signal, token, body: payload } = options;
  const url = new URL(path.replace(/^\/+/, ''), base);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (payload !== undefined) headers['Content-Type'] = 'application/json';

  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: payload === undefined ? undefined : JSON.stringify(payload),
      credentials: 'omit',
      mode: 'cors',
      signal,
    });
  } catch (err) {
    if (isAbort(err, signal)) throw err;
    throw new ApiError(0, 'NETWORK_ERROR', `Request to ${url.href} failed: ${String(err)}`);
  }

  let body: unknown;
  try {
    body = await res.json();
  } catch (err) {
    if (isAbort(err, signal)) throw err;
    body = undefined;
  }

  if (!res.ok) {
    const e = (body && typeof body === 'object' ? body : {}) as ApiErrorBody;
    const serverMessage = typeof e.message === 'string' && e.message.trim() ? e.message : undefined;
    throw new ApiError(
      res.status,
      typeof e.code === 'string' ? e.code : `HTTP_${res.status}`,
      `${method} ${url.href} -> ${res.status}${serverMessage ? `: ${serverMessage}` : ''}`,
      serverMessage,
      Array.isArray(e.details) ? e.details : undefined,
    );
  }
  if (body === undefined) {
    throw new ApiError(0, 'INVALID_JSON', `${method} ${url.href} returned no valid JSON`);
  }
  return body as T;
}
