import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { WIDGETS_DIST_DIR } from '../../../core/paths.js';

/**
 * The widget bundle, built by Vite into web-components/dist/v1. Module scripts loaded by another origin need
 * CORS, and the script is public: any origin may load it (core/tenancy/cors.ts answers `*` for /widgets/v1/).
 */
export function widgetBundleRoute(): ServerRoute {
  return {
    method: 'GET',
    path: '/widgets/v1/{file*}',
    options: {
      auth: false,
      app: { access: { public: true } },
      validate: {
        params: Joi.object({
          file: Joi.string()
            .pattern(/^[a-zA-Z0-9._-]+(\/[a-zA-Z0-9._-]+)*$/)
            .required(),
        }),
      },
      handler: (request, h) =>
        h
          .file((request.params as { file: string }).file, {
            confine: `${WIDGETS_DIST_DIR}/v1`,
            etagMethod: 'hash',
          })
          .type('text/javascript; charset=utf-8')
          .header('Cache-Control', 'public, max-age=300'),
    },
  };
}
