// Driving server-rendered pages like a browser: a cookie jar, and forms posted with the page's CSRF token.
import type { ServerInjectResponse } from '@hapi/hapi';
import { inject } from './deployment.js';

export function setCookies(res: ServerInjectResponse): string[] {
  const raw = res.headers['set-cookie'];
  return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
}

/** A browser's cookie jar, reduced to what the pages set. */
export class Jar {
  readonly cookies = new Map<string, string>();
  take(res: ServerInjectResponse): ServerInjectResponse {
    for (const line of setCookies(res)) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The hidden CSRF field of a page's form; throws when the page has none (it did not load as expected). */
export function csrfField(html: string): string {
  const m = /name="xz_csrf" value="([^"]*)"/.exec(html);
  if (!m?.[1]) throw new Error(`no CSRF field on the page: ${html.slice(0, 300)}`);
  return m[1];
}

export async function get(
  url: string,
  jar: Jar,
  headers: Record<string, string> = {},
): Promise<ServerInjectResponse> {
  return jar.take(await inject({ url, headers: { cookie: jar.header(), accept: 'text/html', ...headers } }));
}

/** GETs the form's page, then posts the form the way a browser does (CSRF cookie + hidden field). */
export async function submit(
  pageUrl: string,
  action: string,
  fields: Record<string, string | string[]>,
  jar = new Jar(),
): Promise<ServerInjectResponse> {
  const page = await get(pageUrl, jar);
  const body = new URLSearchParams();
  body.append('xz_csrf', csrfField(page.payload));
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return jar.take(
    await inject({
      method: 'POST',
      url: action,
      payload: body.toString(),
      headers: {
        cookie: jar.header(),
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
    }),
  );
}
