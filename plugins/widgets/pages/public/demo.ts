import type { ServerRoute } from '@hapi/hapi';
import Handlebars from 'handlebars';
import Joi from 'joi';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { service, type App } from '../../../../core/app.js';
import { appError } from '../../../../core/http/errors.js';
import { ROOT } from '../../../../core/paths.js';
import { WIDGET_SCRIPT } from '../../../../core/theming/render.js';

const template = Handlebars.create().compile(
  readFileSync(join(ROOT, 'plugins/widgets/views/demo.hbs'), 'utf8'),
);

/** A page that stands in for a school website embedding the widgets. */
export function widgetDemoPages(app: App): ServerRoute {
  return {
    method: 'GET',
    path: '/widgets/demo',
    options: {
      app: { page: { audience: 'public' } },
      validate: {
        query: Joi.object({
          site: Joi.string()
            .pattern(/^[a-z0-9-]+$/)
            .default('nju'),
        }),
      },
      handler: async (request, h) => {
        const site = app.sites.get((request.query as { site: string }).site);
        if (!site) throw appError(404, 'NOT_FOUND', '站点不存在');
        const origin = `${request.server.info.protocol}://${request.info.host}`;
        const others = ['seu', 'suda', 'main']
          .filter((slug) => slug !== site.slug)
          .map((slug) => app.sites.get(slug))
          .filter((s) => !!s);
        // The booking snippet names a real fair: the site's next one (none: the snippet leaves `fair` out).
        const [demoFair] = await service(app, 'fairs').upcomingForSite(site, 1);
        const html = template({
          site,
          demoFair,
          others,
          scriptPath: WIDGET_SCRIPT,
          scriptUrl: `${origin}${WIDGET_SCRIPT}`,
          choices: app.sites
            .all()
            .map((s) => ({ slug: s.slug, name: s.name, selected: s.slug === site.slug })),
        });
        return h.response(html).type('text/html; charset=utf-8');
      },
    },
  };
}
