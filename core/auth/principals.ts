// Auth: three @hapi/jwt strategies (employer, staff, student). Each token names its kind; the feature that owns
// the accounts registers a resolver that turns the token payload into credentials and rejects revoked tokens
// (token version bumped by logout, password change or disabling). Without a resolver the strategy admits nobody.
// A resolver that cannot reach the database does not make a token invalid: the request is answered 503 UNAVAILABLE
// (API and pages alike) and a page session keeps its cookie — it is never sent to the login page for it.
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import Jwt from '@hapi/jwt';
import { isServiceUnavailable, unavailable } from '../http/unavailable.js';

export const PRINCIPAL_KINDS = ['employer', 'staff', 'student'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];
/** Kinds that sign in on pages (cookie sessions): strategies `employer-session`, `staff-session`, `student-session`. */
export const SESSION_KINDS = ['employer', 'staff', 'student'] as const satisfies readonly PrincipalKind[];

export function sessionCookie(kind: PrincipalKind): string {
  return `xz_${kind}`;
}

export interface TokenPayload {
  kind: PrincipalKind;
  /** account id, as a string (JWT `sub`) */
  sub: string;
  /** token version at issue time */
  tv: number;
  [key: string]: unknown;
}

export interface StaffCredentials {
  kind: 'staff';
  id: number;
  username: string;
  /** the person's name, when the account has one */
  name?: string;
  siteId: number;
  site: string;
  roles: string[];
}

export type Credentials = StaffCredentials | { kind: 'employer' | 'student'; id: number };

export type PrincipalResolver = (payload: TokenPayload) => Promise<Credentials | null>;

export const TOKEN_TTL_SECONDS = 12 * 60 * 60;

/** Requests whose token could not be checked because the account store was away. */
const uncheckable = new WeakSet<Request>();

/**
 * Whether this request's credentials could not be checked because PostgreSQL (or whatever the resolver reads) was
 * away: @hapi/jwt turns any failure of `validate` into a 401, which the error mapping answers as 503 instead.
 */
export function authUnavailable(request: Request): boolean {
  return uncheckable.has(request);
}

export class Principals {
  private readonly resolvers = new Map<PrincipalKind, PrincipalResolver>();

  constructor(private readonly secret: string) {}

  resolve(kind: PrincipalKind, resolver: PrincipalResolver): void {
    if (this.resolvers.has(kind))
      throw new Error(`xiaozhao: principal resolver for ${kind} registered twice`);
    this.resolvers.set(kind, resolver);
  }

  sign(payload: TokenPayload, ttlSeconds = TOKEN_TTL_SECONDS): string {
    return Jwt.token.generate(
      { ...payload, aud: 'xiaozhao', iss: 'xiaozhao' },
      { key: this.secret, algorithm: 'HS256' },
      { ttlSec: ttlSeconds },
    );
  }

  async register(server: Server, options: { secureCookies: boolean }): Promise<void> {
    await server.register(Jwt);
    for (const kind of SESSION_KINDS) {
      // Host-only cookie (no Domain): a session on one school's host never reaches another's.
      server.state(sessionCookie(kind), {
        isHttpOnly: true,
        isSecure: options.secureCookies,
        isSameSite: 'Lax',
        path: '/',
        ttl: TOKEN_TTL_SECONDS * 1000,
        encoding: 'none',
        strictHeader: true,
        clearInvalid: true,
      });
    }
    for (const kind of PRINCIPAL_KINDS) this.strategy(server, kind, kind, {});
    // `any`: routes several kinds may call (hapi does not fall through strategies once a token was found).
    this.strategy(server, 'any', null, {});
    // Pages authenticate with the same token held in an httpOnly cookie on the site's host.
    for (const kind of SESSION_KINDS)
      this.strategy(server, `${kind}-session`, kind, { cookieName: sessionCookie(kind) });
    // Page strategies run in `try` mode: an unchecked session would pass as "signed out", and the page access check
    // would send it to the login page and drop its cookie. Answer 503 before that check runs (registered first).
    server.ext('onPostAuth', (request: Request, h: ResponseToolkit) => {
      if (authUnavailable(request)) throw unavailable();
      return h.continue;
    });
  }

  private strategy(
    server: Server,
    name: string,
    kind: PrincipalKind | null,
    source: { cookieName?: string },
  ): void {
    server.auth.strategy(name, 'jwt', {
      ...source,
      keys: { key: this.secret, algorithms: ['HS256'] },
      verify: {
        aud: 'xiaozhao',
        iss: 'xiaozhao',
        sub: false,
        nbf: true,
        exp: true,
        maxAgeSec: TOKEN_TTL_SECONDS,
        timeSkewSec: 30,
      },
      validate: async (artifacts: { decoded: { payload: TokenPayload } }, request: Request) => {
        const payload = artifacts.decoded.payload;
        if (kind !== null && payload.kind !== kind) return { isValid: false };
        const resolver = this.resolvers.get(payload.kind);
        try {
          const credentials = resolver ? await resolver(payload) : null;
          return credentials ? { isValid: true, credentials } : { isValid: false };
        } catch (err) {
          if (isServiceUnavailable(err)) uncheckable.add(request);
          throw err;
        }
      },
    });
  }
}
