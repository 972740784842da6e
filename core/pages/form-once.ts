// One-time form tokens: a creating page form is safe to submit twice. Every posting form carries a random token in a
// hidden field (`{{{form_once}}}`, which `{{{csrf_field}}}` includes, so no form can forget it); every page POST route
// is wrapped (core/pages/access.ts; `options.app.formOnce = false` opts out). The first POST with a token claims it in the
// `idempotency_keys` table (principal `form`, the unique constraint decides who is first, never a check in JS), runs
// the handler and stores where it redirected (and the session it started, for 注册 and 登录); any later POST with the
// same token — a double click, a reload, the back button — gets that redirect instead of a second row or an error such
// as 验证码错误或已过期. A concurrent one waits for the first answer.
//
// The handler is wrapped rather than hooked at onPreResponse because a browser drops the first request of a double
// click: hapi then never runs onPreResponse for it, but the handler still finishes and its result must be recorded.
// A handler that does not redirect (the form again with its errors) or fails releases the token: the corrected form is
// submitted anew. The stored result is sealed under a key derived from the token, and only a hash of the token is
// stored, so a copy of the table reveals no session. Rows are swept with the Idempotency-Key ones after 24 hours.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Lifecycle, Request, ResponseObject, ResponseToolkit } from '@hapi/hapi';
import Boom from '@hapi/boom';
import type { Db } from '../db/knex.js';
import { appError } from '../http/errors.js';

/** Field name of the token in page forms. */
export const FORM_ONCE_KEY = 'xz_once';
/** How long a second submit waits for the first one's answer before 409 FORM_IN_PROGRESS. */
export const WAIT_MS = 10_000;
/** A claim older than this without an answer (the process died) is taken over by the next submit. */
export const ABANDON_SECONDS = 60;

const PRINCIPAL = 'form';
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

const inProgress = () =>
  appError(409, 'FORM_IN_PROGRESS', '该表单正在提交中，请稍候刷新页面查看结果，不要重复提交');

/** A new token for one form. */
export function formToken(): string {
  return randomBytes(24).toString('base64url');
}

interface Cookie {
  name: string;
  value: string;
  options?: Record<string, unknown>;
}

interface Result {
  status: number;
  location: string;
  cookies: Cookie[];
}

const cookiesSet = new WeakMap<Request, Cookie[]>();

/** Records a cookie a page handler sets (a session), so a repeated submit gets it as well. */
export function noteCookie(request: Request, name: string, value: string, options?: Record<string, unknown>) {
  const list = cookiesSet.get(request) ?? [];
  cookiesSet.set(request, [...list.filter((c) => c.name !== name), { name, value, options }]);
}

function tokenOf(payload: unknown): string | null {
  if (!payload || typeof payload !== 'object' || Buffer.isBuffer(payload)) return null;
  const raw = (payload as Record<string, unknown>)[FORM_ONCE_KEY];
  const token = Array.isArray(raw) ? raw[0] : raw;
  return typeof token === 'string' && TOKEN.test(token) ? token : null;
}

function sha256(...parts: string[]): Buffer {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p).update('\0');
  return hash.digest();
}

function seal(text: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(sealed: string, key: Buffer): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** The redirect a handler answered with, or null (a page, an error). */
function resultOf(request: Request, response: unknown): Result | null {
  if (!response || typeof response !== 'object' || Boom.isBoom(response)) return null;
  const r = response as ResponseObject;
  const location = r.headers?.location;
  if (typeof r.statusCode !== 'number' || r.statusCode < 300 || r.statusCode > 399) return null;
  if (typeof location !== 'string') return null;
  return { status: r.statusCode, location, cookies: cookiesSet.get(request) ?? [] };
}

type Claim = { id: number } | { result: Result };

async function claim(db: Db, scope: Record<string, string>, sealKey: Buffer): Promise<Claim> {
  const deadline = Date.now() + WAIT_MS;
  for (let wait = 25; ; wait = Math.min(wait * 2, 250)) {
    const inserted = (await db('idempotency_keys')
      .insert({ ...scope, request_hash: '-' })
      .onConflict(['principal', 'route', 'key'])
      .ignore()
      .returning('id')) as { id: number }[];
    if (inserted[0]) return { id: Number(inserted[0].id) };
    const row = (await db('idempotency_keys')
      .where(scope)
      .first(
        'id',
        'status',
        'response_body',
        db.raw(`created_at < now() - interval '${ABANDON_SECONDS} seconds' AS abandoned`),
      )) as { id: number; status: string; response_body: string | null; abandoned: boolean } | undefined;
    if (!row) continue;
    if (row.status === 'done') {
      try {
        return { result: JSON.parse(unseal(row.response_body ?? '', sealKey)) as Result };
      } catch {
        // not sealed under this token (cannot happen with the hash as key): treat as a new form
        await db('idempotency_keys').where({ id: row.id }).delete();
        continue;
      }
    }
    if (row.abandoned) {
      const taken = await db('idempotency_keys')
        .where({ id: row.id, status: 'pending' })
        .where('created_at', '<', db.raw(`now() - interval '${ABANDON_SECONDS} seconds'`))
        .update({ created_at: db.fn.now() });
      if (taken === 1) return { id: row.id };
      continue;
    }
    if (Date.now() + wait > deadline) throw inProgress();
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

function replay(h: ResponseToolkit, result: Result): ResponseObject {
  const response = h.redirect(result.location).code(result.status);
  for (const c of result.cookies) response.state(c.name, c.value, c.options);
  return response.header('Cache-Control', 'no-store');
}

/**
 * `handler` made safe to submit twice with the same form token (see the file header). Requests without a token (an
 * API client, an old page) run the handler as before.
 */
export function onceHandler(handler: Lifecycle.Method): Lifecycle.Method {
  return async function (this: object | null, request, h, err) {
    const token = tokenOf(request.payload);
    if (!token) return handler.call(this, request, h, err);
    const database = (request.server.app as { xz: { db: Db } }).xz.db;
    const route = `${request.method.toUpperCase()} ${request.path}`;
    const scope = { principal: PRINCIPAL, route, key: sha256('key', token).toString('hex') };
    const sealKey = sha256('seal', route, token);
    const got = await claim(database, scope, sealKey);
    if ('result' in got) return replay(h, got.result);
    const release = () =>
      database('idempotency_keys')
        .where({ id: got.id, status: 'pending' })
        .delete()
        .catch(() => 0);
    let response: Lifecycle.ReturnValue;
    try {
      response = await handler.call(this, request, h, err);
    } catch (e) {
      await release();
      throw e;
    }
    const result = resultOf(request, response);
    if (!result) {
      await release();
      return response;
    }
    try {
      await database('idempotency_keys')
        .where({ id: got.id })
        .update({
          status: 'done',
          response_status: result.status,
          response_type: 'form',
          response_body: seal(JSON.stringify(result), sealKey),
          completed_at: database.fn.now(),
        });
    } catch (e) {
      request.log(['warn', 'form-once'], (e as Error).message);
    }
    return response;
  };
}
