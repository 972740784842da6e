// Requests node's HTTP parser refuses before hapi sees them (headers over the 16 KB limit, a request line too long, a
// malformed request) get the documented error shape instead of hapi's bare `400 Bad Request` with no body:
// 431 HEADERS_TOO_LARGE, 414 URI_TOO_LONG (a request line of 8 KB or more: it counts toward the same limit) or
// 400 BAD_REQUEST, JSON with a Chinese message, then the connection is closed. When a response has already started on
// the socket (a pipelined request), hapi's own handling is kept: nothing may be written into the middle of it.
import type { Duplex } from 'node:stream';
import type { Server } from '@hapi/hapi';
import { CONTROL_CHARACTER_MESSAGE, refuseControlCharacters } from './schemas.js';
import type { ErrorPayload } from './errors.js';

type ClientErrorListener = (err: Error, socket: Duplex) => void;

const LONG_REQUEST_LINE = 8 * 1024;

const ANSWERS = {
  431: {
    statusCode: 431,
    error: 'Request Header Fields Too Large',
    code: 'HEADERS_TOO_LARGE',
    message: '请求头过大（不能超过 16 KB），请清除本站 Cookie 后重试',
  },
  414: {
    statusCode: 414,
    error: 'URI Too Long',
    code: 'URI_TOO_LONG',
    message: '请求地址过长（不能超过 16 KB）',
  },
  400: { statusCode: 400, error: 'Bad Request', code: 'BAD_REQUEST', message: '请求格式不正确' },
  badHeader: {
    statusCode: 400,
    error: 'Bad Request',
    code: 'BAD_REQUEST',
    message: `请求头${CONTROL_CHARACTER_MESSAGE}或格式不正确`,
  },
} satisfies Record<string, ErrorPayload>;

/** The answer to a parser error, or null when it is not one (a reset connection, a timeout). */
export function clientErrorAnswer(err: Error & { code?: string; rawPacket?: Buffer }): ErrorPayload | null {
  const code = err.code ?? '';
  if (code === 'HPE_HEADER_OVERFLOW') {
    const raw = err.rawPacket?.toString('latin1') ?? '';
    const end = raw.indexOf('\r\n');
    const firstLine = end === -1 ? raw : raw.slice(0, end);
    return /^[A-Z]+ /.test(firstLine) && firstLine.length >= LONG_REQUEST_LINE ? ANSWERS[414] : ANSWERS[431];
  }
  if (code === 'HPE_INVALID_HEADER_TOKEN' || code === 'HPE_INVALID_CONSTANT') return ANSWERS.badHeader;
  if (code.startsWith('HPE_')) return ANSWERS[400];
  return null;
}

export function responseBytes(payload: ErrorPayload): Buffer {
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  const head =
    `HTTP/1.1 ${payload.statusCode} ${payload.error}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${body.length}\r\n` +
    'Cache-Control: no-store\r\n' +
    'Connection: close\r\n\r\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/** Replaces hapi's clientError listener with one that answers parser errors in the error shape. */
export function answerClientErrors(server: Server): void {
  const listener = server.listener;
  const hapi = listener.listeners('clientError') as ClientErrorListener[];
  listener.removeAllListeners('clientError');
  listener.on('clientError', (err: Error, socket: Duplex & { bytesWritten?: number }) => {
    const answer = clientErrorAnswer(err);
    if (answer && socket.writable && (socket.bytesWritten ?? 0) === 0) {
      socket.end(responseBytes(answer));
      return;
    }
    for (const handle of hapi) handle.call(listener, err, socket);
  });
}

/** Input refused before any route sees it: control characters in any field, and requests the parser refuses. */
export function registerInputGuards(server: Server): void {
  refuseControlCharacters(server);
  answerClientErrors(server);
}
