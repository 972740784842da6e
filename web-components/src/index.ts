/**
 * xiaozhao (校招网络) embeddable web components — entry of `/widgets/v1/xiaozhao.js`.
 *
 * Importing this module defines every element (guarded, so loading the script
 * twice on one page is harmless):
 *   - `<xz-site-card site="…">`
 */
export {
  XzSiteCard,
  FALLBACK_ERROR_MESSAGE,
  type SiteInfo,
  type SiteThemeSettings,
  type XzSiteLoadedDetail,
  type XzErrorDetail,
} from './xz-site-card/xz-site-card.js';
export { ApiError, DEFAULT_API_BASE, getJson, resolveApiBase, type GetJsonOptions } from './api.js';
