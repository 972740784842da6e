import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../../../core/app.js';
import { appError } from '../../../core/http/errors.js';
import { ROOT } from '../../../core/paths.js';

/** Theme assets under a versioned path, so they can be cached for a long time. */
export function themeAssetsRoute(app: App): ServerRoute {
  return {
    method: 'GET',
    path: '/themes/{theme}/{version}/assets/{file*}',
    options: {
      auth: false,
      app: { access: { public: true } },
      validate: {
        params: Joi.object({
          theme: Joi.string()
            .pattern(/^[a-z0-9-]+$/)
            .required(),
          version: Joi.string()
            .pattern(/^\d+\.\d+\.\d+$/)
            .required(),
          file: Joi.string()
            .pattern(/^[a-zA-Z0-9._/-]+$/)
            .max(200)
            .required(),
        }),
      },
      handler: (request, h) => {
        const {
          theme: name,
          version,
          file,
        } = request.params as { theme: string; version: string; file: string };
        const theme = app.themes.get(name);
        if (!theme || theme.version !== version) throw appError(404, 'NOT_FOUND', '资源不存在');
        return h
          .file(file, { confine: join(theme.dir, 'assets') })
          .header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    },
  };
}

const CORE_UI = join(ROOT, 'core', 'theming', 'assets');

/**
 * The shared UI stylesheet of feature pages: core's (core/theming/assets/ui.css) followed by each installed feature's
 * own styles.css, joined once; and the favicon.
 */
export function uiAssetsRoute(app: App): ServerRoute {
  const coreCss = readFileSync(join(CORE_UI, 'ui.css'), 'utf8');
  return {
    method: 'GET',
    path: '/assets/ui/1/{file}',
    options: {
      auth: false,
      app: { access: { public: true } },
      validate: { params: Joi.object({ file: Joi.string().valid('ui.css', 'favicon.svg').required() }) },
      handler: (request, h) => {
        const { file } = request.params as { file: string };
        const response =
          file === 'ui.css'
            ? h.response(app.pages.css(coreCss)).type('text/css; charset=utf-8')
            : h.file(file, { confine: CORE_UI });
        return response.header('Cache-Control', 'public, max-age=3600');
      },
    },
  };
}

/** Browsers ask every host for /favicon.ico. */
export function faviconRoute(): ServerRoute {
  return {
    method: 'GET',
    path: '/favicon.ico',
    options: {
      auth: false,
      app: { access: { public: true } },
      handler: (_request, h) =>
        h
          .file('favicon.svg', { confine: join(ROOT, 'core', 'theming', 'assets') })
          .type('image/svg+xml')
          .header('Cache-Control', 'public, max-age=86400'),
    },
  };
}
