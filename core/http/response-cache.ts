// Answers repeated public GETs from memory before hapi sees them. The public listings are read by every school's
// pages and widgets; once cached, their bytes are ready, and hapi's lifecycle (routing, validation, extensions,
// streaming the payload) was then most of what each request cost: about a third of a bare node:http server's rate.
//
// A route opts in from its handler with `cacheResponse(request, fresh)`. After hapi has sent that response, the exact
// status, headers and body are kept under the request's method-less key (Host, raw URL, negotiated encoding); the
// next identical request is answered from the node:http listener directly while `fresh()` is true. `fresh` must be
// cheap and synchronous: the listings pass "the site's listing version this process knows is still the one the bytes
// were built from, and still the same day". When it turns false the request goes through hapi as usual, which
// rebuilds the entry.
//
// Only requests whose answer cannot depend on anything but the URL are served here: GET without a body, without
// Origin (CORS headers), Range or conditional headers, and with an Accept-Encoding that negotiates to identity or
// gzip exactly as hapi's own negotiation would. Responses that set cookies are never kept. Injected requests
// (server.inject) do not pass the listener and are neither served nor kept.
import Accept from '@hapi/accept';
import type { Request, ResponseObject, Server } from '@hapi/hapi';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

declare module '@hapi/hapi' {
  interface RequestApplicationState {
    /** Set by a handler whose response may be answered again from the response cache while fresh() holds. */
    responseCache?: { fresh: () => boolean };
  }
}

/** The encodings hapi negotiates, in its order of preference (see @hapi/hapi lib/compression.js). */
const HAPI_ENCODINGS = ['identity', 'gzip', 'deflate'];
const SERVED_ENCODINGS = new Set(['identity', 'gzip']);
const UNCACHEABLE_REQUEST_HEADERS = [
  'origin',
  'range',
  'if-range',
  'if-none-match',
  'if-modified-since',
  'content-length',
  'transfer-encoding',
];
const ENCODING_MEMO_MAX = 200;

interface Stored {
  headers: OutgoingHttpHeaders;
  body: Buffer;
  fresh: () => boolean;
}

/** Marks this request's response as one the cache may answer again while `fresh()` holds. */
export function cacheResponse(request: Request, fresh: () => boolean): void {
  request.app.responseCache = { fresh };
}

export class ResponseCache {
  private readonly entries = new Map<string, Stored>();
  private bytes = 0;
  /** Accept-Encoding header → negotiated encoding: browsers send a handful of distinct values. */
  private readonly encodings = new Map<string, string | null>();

  /** At most `maxBytes` of bodies are kept; past that the cache starts over (the next requests refill it). */
  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  /** Bytes of bodies held now. */
  get heldBytes(): number {
    return this.bytes;
  }

  /** Puts the cache in front of hapi's own request listener, and keeps the responses routes mark. */
  install(server: Server): void {
    const listener = server.listener;
    const hapiListeners = listener.listeners('request') as ((
      req: IncomingMessage,
      res: ServerResponse,
    ) => void)[];
    listener.removeAllListeners('request');
    listener.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (this.serve(req, res)) return;
      for (const dispatch of hapiListeners) dispatch.call(listener, req, res);
    });
    server.events.on('response', (request) => this.keep(request));
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** Answers the request from the cache when it can; false hands it to hapi. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const key = this.keyOf(req.method, req.headers, req.url);
    if (key === null) return false;
    const stored = this.entries.get(key);
    if (stored === undefined) return false;
    if (!stored.fresh()) {
      this.entries.delete(key);
      this.bytes -= stored.body.length;
      return false;
    }
    res.writeHead(200, stored.headers);
    res.end(stored.body);
    return true;
  }

  private keep(request: Request): void {
    const marked = request.app.responseCache;
    // request.isInjected is documented hapi API, missing from its type definitions.
    if (marked === undefined || (request as Request & { isInjected?: boolean }).isInjected) return;
    const response = request.response as (ResponseObject & { isBoom?: boolean }) | null;
    if (!response || response.isBoom || response.statusCode !== 200 || !marked.fresh()) return;
    const source = response.source;
    if (!Buffer.isBuffer(source) && typeof source !== 'string') return;
    const { req, res } = request.raw;
    if (!res.writableFinished) return;
    const key = this.keyOf(req.method, req.headers, req.url);
    if (key === null) return;
    const sent = res.getHeaders();
    if (sent['set-cookie'] !== undefined) return;
    const identity = Buffer.isBuffer(source) ? source : Buffer.from(source, 'utf8');
    const encoding = sent['content-encoding'];
    if (encoding !== undefined && encoding !== 'gzip') return;
    const body = encoding === 'gzip' ? gzipSync(identity) : identity;
    const headers: OutgoingHttpHeaders = { ...sent, 'content-length': body.length };
    const replaced = this.entries.get(key);
    if (replaced) this.bytes -= replaced.body.length;
    if (this.bytes + body.length > this.maxBytes) this.clear();
    this.entries.set(key, { headers, body, fresh: marked.fresh });
    this.bytes += body.length;
  }

  /** The cache key of a request that only its URL can decide, or null. */
  private keyOf(
    method: string | undefined,
    headers: IncomingHttpHeaders,
    url: string | undefined,
  ): string | null {
    if (method !== 'GET' || url === undefined) return null;
    for (const name of UNCACHEABLE_REQUEST_HEADERS) if (headers[name] !== undefined) return null;
    const encoding = this.encodingOf(headers['accept-encoding']);
    if (encoding === null) return null;
    return `${encoding} ${headers.host ?? ''} ${url}`;
  }

  /** The encoding hapi would pick for this Accept-Encoding, if it is one the cache serves. */
  private encodingOf(header: string | undefined): string | null {
    if (!header) return 'identity';
    let encoding = this.encodings.get(header);
    if (encoding === undefined) {
      try {
        const chosen = Accept.encoding(header, HAPI_ENCODINGS);
        encoding = SERVED_ENCODINGS.has(chosen) ? chosen : null;
      } catch {
        encoding = null;
      }
      if (this.encodings.size >= ENCODING_MEMO_MAX) this.encodings.clear();
      this.encodings.set(header, encoding);
    }
    return encoding;
  }
}
