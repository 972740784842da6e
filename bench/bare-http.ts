// Baseline for bench:listing: node:http answering every request with a fixed JSON body (BODY_FILE), gzipped once
// at start for clients that send Accept-Encoding: gzip.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';

const body = readFileSync(process.env.BODY_FILE!);
const gzipped = gzipSync(body);
const server = createServer((req, res) => {
  const gzip = (req.headers['accept-encoding'] ?? '').includes('gzip');
  const payload = gzip ? gzipped : body;
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': payload.length,
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(payload);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log('is running'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
