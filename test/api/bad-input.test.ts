// A 500 is a bug: every route, fed malformed path parameters, query strings and bodies by a signed-in caller of the
// kind it serves, answers with a 4xx (or succeeds) — never a server error. The sweep walks the route table, so a new
// route is covered the day it is added.
import { expect } from 'chai';
import type { ServerInjectResponse } from '@hapi/hapi';
import { getDeployment, inject, staffToken } from '../helpers/deployment.js';
import { memberOf } from '../helpers/employers.js';

/** A school no other test file uses: the sweep's employer joins it and its staff sign in. */
const SITE = 'njfu';
const CSRF = 'sweep-csrf';

/** Routes left out, and why. */
const SKIP: [RegExp, string][] = [
  [/\/events$/, 'a Server-Sent Events stream never ends'],
  [/logout|password/, 'would revoke the sweep’s own session'],
  [/^\/(documentation|swaggerui|swagger\.json)/, 'served by hapi-swagger'],
];

const HUGE = '99999999999999999999';
const LONG = '长'.repeat(5000);

/** Values for a path parameter: wrong type, out of every integer range, negative, and a plausible one. */
function paramValues(name: string): string[] {
  if (name === 'slug') return [SITE, 'no-such-site', 'BAD_SLUG!', LONG.slice(0, 300)];
  return ['abc', HUGE, '2147483648', '-1', '0', '2147483647', '1.5', '%00'];
}

const QUERIES = [
  '',
  `?page=abc&pageSize=-5&tab=zzz&status=zzz&type=zzz&ids=abc&id=abc&done=${'x'.repeat(200)}`,
  `?q=${encodeURIComponent(LONG)}&page=${HUGE}&pageSize=${HUGE}&city=abc&degree=%00&category=x`,
  '?page[]=1&q[a]=b&ids=1,2,abc&ids=3&from=not-a-date&to=2026-13-45',
];

const JSON_BODIES: (string | object)[] = [
  {},
  [],
  '"text"',
  '{bad json',
  'null',
  {
    title: {},
    name: [],
    id: 'x',
    ids: 'x',
    jobIds: ['x', HUGE],
    siteSlugs: 'x',
    slugs: [{}],
    page: -1,
    phone: 123,
    uscc: LONG,
    amount: 1e308,
    startsAt: 'yesterday',
    endsAt: HUGE,
    expiresOn: '2026-02-30',
    venues: [{ name: '', booths: 'A01-A99' }],
    booths: [{ code: LONG }],
    attendees: [{ name: 1, phone: [] }],
    decision: 'maybe',
    permissions: ['nothing'],
    roleIds: [HUGE],
    fileId: '../../etc/passwd',
    theme: { name: 'x', settings: { primary: 'red' } },
    cities: [HUGE],
    salaryMin: 'lots',
  },
  // well-typed, but past PostgreSQL's integer range
  {
    ids: [2147483648],
    jobIds: [2147483648],
    roleIds: [2147483648],
    tagIds: [2147483648],
    reviewIds: [2147483648],
    fairId: 2147483648,
    boothId: 2147483648,
    headcount: 2147483648,
    salaryMin: 2147483648,
    salaryMax: 2147483649,
    fee: { amount: 2147483648, payment: 'none' },
  },
];

function pathsOf(path: string): string[] {
  const names = [...path.matchAll(/\{(\w+)\*?\}/g)].map((m) => m[1]!);
  if (names.length === 0) return [path];
  const urls = new Set<string>();
  // one parameter varied at a time, the others plausible
  for (const varied of names)
    for (const value of paramValues(varied))
      urls.add(
        path.replace(/\{(\w+)\*?\}/g, (_m, name: string) =>
          encodeURIComponent(name === varied ? value : paramValues(name).at(name === 'slug' ? 0 : -3)!),
        ),
      );
  return [...urls];
}

describe('bad input never gets a 500', () => {
  it('answers every route’s malformed params, queries and bodies with a status below 500', async function () {
    this.timeout(240_000);
    const { server } = await getDeployment();
    const employer = await memberOf([SITE]);
    const staff = await staffToken(`${SITE}.admin`);
    const failures: string[] = [];
    let requests = 0;

    const send = async (method: string, url: string, strategies: string[], body?: string | object) => {
      const isStaff = strategies.some((s) => s.startsWith('staff'));
      const token = isStaff ? staff : employer.token;
      const page = !url.startsWith('/api/');
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        cookie: `${isStaff ? 'xz_staff' : 'xz_employer'}=${token}; xz_csrf=${CSRF}`,
        accept: page ? 'text/html' : 'application/json',
      };
      let payload: string | undefined;
      if (body !== undefined) {
        if (page) {
          const form = new URLSearchParams({ xz_csrf: CSRF });
          if (typeof body === 'object' && !Array.isArray(body))
            for (const [k, v] of Object.entries(body))
              form.append(k, typeof v === 'string' ? v : JSON.stringify(v));
          payload = form.toString();
          headers['content-type'] = 'application/x-www-form-urlencoded';
        } else {
          payload = typeof body === 'string' ? body : JSON.stringify(body);
          headers['content-type'] = 'application/json';
        }
      }
      requests += 1;
      let res: ServerInjectResponse;
      try {
        // pages are answered on the site's own host (here its /s/<slug> prefix), where its staff may sign in
        res = await inject({ method, url: page ? `/s/${SITE}${url}` : url, headers, payload });
      } catch (err) {
        failures.push(`${method} ${url} threw ${(err as Error).message}`);
        return;
      }
      if (res.statusCode >= 500)
        failures.push(
          `${method} ${url.slice(0, 160)} ${payload ? `body ${payload.slice(0, 80)} ` : ''}→ ${res.statusCode} ${res.payload.slice(0, 200)}`,
        );
    };

    const routes = server.table().filter((r) => !SKIP.some(([re]) => re.test(r.path)));
    expect(routes.length).to.be.greaterThan(100);
    for (const route of routes) {
      const method = route.method.toUpperCase();
      if (method === '*' || method === 'OPTIONS' || method === 'HEAD') continue;
      const strategies = (route.settings.auth as { strategies?: string[] } | false | undefined)
        ? ((route.settings.auth as { strategies?: string[] }).strategies ?? [])
        : [];
      for (const path of pathsOf(route.path)) {
        const empty = method === 'GET' || method === 'DELETE' ? undefined : {};
        for (const query of QUERIES) await send(method, `${path}${query}`, strategies, empty);
        if (method !== 'GET' && method !== 'DELETE')
          for (const body of JSON_BODIES) await send(method, path, strategies, body);
      }
    }
    expect(requests).to.be.greaterThan(1000);
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });
});
