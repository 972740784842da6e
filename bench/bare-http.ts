// Baseline for bench:listing: node:http answering every request with a fixed JSON body (BODY_FILE).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const body = readFileSync(process.env.BODY_FILE!);
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log('is running'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
