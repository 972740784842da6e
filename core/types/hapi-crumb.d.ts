// @hapi/crumb ships no types; this declares the part we use.
declare module '@hapi/crumb' {
  import type { Plugin, Request, ResponseToolkit } from '@hapi/hapi';

  interface CrumbOptions {
    key?: string;
    size?: number;
    autoGenerate?: boolean;
    addToViewContext?: boolean;
    cookieOptions?: Record<string, unknown>;
    restful?: boolean;
    skip?: (request: Request, h: ResponseToolkit) => boolean;
    enforce?: boolean;
    logUnauthorized?: boolean;
  }

  const Crumb: Plugin<CrumbOptions>;
  export default Crumb;
}
