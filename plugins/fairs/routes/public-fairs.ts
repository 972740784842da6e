import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../core/http/schemas.js';
import { PassThrough } from 'node:stream';
import type { App } from '../../../core/app.js';
import type { FairService } from '../fair-service.js';

const HEARTBEAT_MS = 15_000;

export function publicFairRoutes(app: App, fairs: FairService): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/public/sites/{slug}/fairs',
      options: {
        tags: ['api', 'public'],
        description: '站点即将举办的招聘会（main：全省各高校的招聘会）',
        auth: false,
        app: { access: { public: true } },
        validate: {
          params: Joi.object({
            slug: Joi.string()
              .pattern(/^[a-z0-9-]+$/)
              .max(40)
              .required(),
          }),
        },
        handler: (request) => {
          return fairs.publicFairs(app.sites.require((request.params as { slug: string }).slug));
        },
      },
    },
    {
      method: 'GET',
      path: '/api/v1/public/fairs/{id}',
      options: {
        tags: ['api', 'public'],
        description: '招聘会、分会场与展位状态（free 空闲 / held 待审核占用 / taken 已预定）',
        auth: false,
        app: { access: { public: true } },
        validate: { params: idParams },
        handler: (request) => fairs.publicFair((request.params as { id: number }).id),
      },
    },
    {
      method: 'GET',
      path: '/api/v1/public/fairs/{id}/events',
      options: {
        tags: ['api', 'public'],
        description:
          '展位状态实时推送（Server-Sent Events：每次展位状态变化一个 booth 事件；分会场或展位增删改时一个 layout 事件，收到后请重新读取招聘会）',
        auth: false,
        app: { access: { public: true } },
        timeout: { server: false, socket: false },
        validate: { params: idParams },
        handler: async (request, h) => {
          const fairId = (request.params as { id: number }).id;
          await fairs.publicFair(fairId); // 404 for an unknown fair
          const stream = new PassThrough();
          stream.write(`retry: 3000\n: connected to fair ${fairId}\n\n`);
          const stop = await app.pubsub.subscribe(fairs.channel(fairId), (message) => {
            const event = (message as { type?: string }).type === 'layout' ? 'layout' : 'booth';
            stream.write(`event: ${event}\ndata: ${JSON.stringify(message)}\n\n`);
          });
          const heartbeat = setInterval(() => stream.write(': heartbeat\n\n'), HEARTBEAT_MS);
          const close = () => {
            clearInterval(heartbeat);
            void stop();
            stream.end();
          };
          request.raw.req.once('close', close);
          return h
            .response(stream)
            .type('text/event-stream; charset=utf-8')
            .header('Cache-Control', 'no-cache, no-transform')
            .header('Connection', 'keep-alive')
            .header('X-Accel-Buffering', 'no')
            .header('Content-Encoding', 'identity');
        },
      },
    },
  ];
}
