import type { ServerRoute } from '@hapi/hapi';
import { join } from 'node:path';
import { ROOT } from '../../../core/paths.js';

/** The progressive enhancement of the region select (see assets/region-select.js), versioned in its path. */
export function regionSelectScriptRoute(): ServerRoute {
  return {
    method: 'GET',
    path: '/assets/employers/1/region-select.js',
    options: {
      auth: false,
      app: { access: { public: true } },
      handler: (_request, h) =>
        h
          .file('region-select.js', { confine: join(ROOT, 'plugins', 'employers', 'assets') })
          .type('application/javascript; charset=utf-8')
          .header('Cache-Control', 'public, max-age=3600'),
    },
  };
}
