import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
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

/** The shared UI stylesheet of feature pages (core/theming/assets). */
export function uiAssetsRoute(): ServerRoute {
  return {
    method: 'GET',
    path: '/assets/ui/1/{file}',
    options: {
      auth: false,
      app: { access: { public: true } },
      validate: { params: Joi.object({ file: Joi.string().valid('ui.css', 'favicon.svg').required() }) },
      handler: (request, h) =>
        h
          .file((request.params as { file: string }).file, {
            confine: join(ROOT, 'core', 'theming', 'assets'),
          })
          .header('Cache-Control', 'public, max-age=3600'),
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
