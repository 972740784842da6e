import type { HelperOptions } from 'handlebars';

/** What every page render receives besides the template's own data; helpers read it from the root context. */
export interface RenderRoot {
  site: { slug: string; name: string; isMain: boolean };
  settings: Record<string, unknown>;
  page: {
    title: string;
    description?: string;
    path: string;
    template: string;
    alternates?: { type: string; title: string; href: string }[];
  };
  theme: { name: string; version: string };
  basePath: string;
  widgetScript: string;
}

export function rootOf(options: HelperOptions): RenderRoot {
  return (options.data as { root: RenderRoot }).root;
}

export function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
