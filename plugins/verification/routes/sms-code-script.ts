import type { ServerRoute } from '@hapi/hapi';
import { join } from 'node:path';
import { ROOT } from '../../../core/paths.js';

/** The script that sends SMS codes in place on the pages (see assets/sms-code.js), versioned in its path. */
export function smsCodeScriptRoute(): ServerRoute {
  return {
    method: 'GET',
    path: '/assets/verification/1/sms-code.js',
    options: {
      auth: false,
      app: { access: { public: true } },
      handler: (_request, h) =>
        h
          .file('sms-code.js', { confine: join(ROOT, 'plugins', 'verification', 'assets') })
          .type('application/javascript; charset=utf-8')
          .header('Cache-Control', 'public, max-age=3600'),
    },
  };
}
