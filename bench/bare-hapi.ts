// Baseline for bench:boot: a bare hapi server with one JSON route.
import Hapi from '@hapi/hapi';

const server = Hapi.server({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
server.route({ method: 'GET', path: '/', handler: () => ({ ok: true }) });
await server.start();
console.log('is running');
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
