/**
 * xiaozhao (校招网络) embeddable web components — entry of `/widgets/v1/xiaozhao.js`.
 *
 * Importing this module defines every element (guarded, so loading the script
 * twice on one page is harmless):
 *   - `<xz-site-card site="…">`
 *   - `<xz-job-list site="…">`
 *   - `<xz-fair-list site="…">`
 *   - `<xz-fair-booking site="…" fair="…">`
 *   - `<xz-presentation-list site="…">`
 *   - `<xz-fair-live fair="…">` (wraps a booth map rendered by the platform's pages and keeps it live)
 */
export { XzSiteCard, FALLBACK_ERROR_MESSAGE, type XzSiteLoadedDetail } from './xz-site-card/xz-site-card.js';
export {
  XzJobList,
  JOB_LIST_FALLBACK_ERROR_MESSAGE,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MAX_PAGE,
  formatSalary,
  formatDate,
  type JobSummary,
  type JobListResponse,
  type XzJobsLoadedDetail,
  type XzPageChangeDetail,
} from './xz-job-list/xz-job-list.js';
export {
  XzFairList,
  FAIR_LIST_FALLBACK_ERROR_MESSAGE,
  DEFAULT_FAIR_LIMIT,
  type XzFairsLoadedDetail,
} from './xz-fair-list/xz-fair-list.js';
export {
  XzFairBooking,
  FAIR_BOOKING_FALLBACK_ERROR_MESSAGE,
  type XzFairLoadedDetail,
  type XzBoothChangeDetail,
  type XzBookedDetail,
} from './xz-fair-booking/xz-fair-booking.js';
export { XzFairLive } from './xz-fair-live/xz-fair-live.js';
export {
  XzPresentationList,
  PRESENTATION_LIST_FALLBACK_ERROR_MESSAGE,
  DEFAULT_PRESENTATION_LIMIT,
  presentationQuery,
  type PresentationSummary,
  type XzPresentationsLoadedDetail,
} from './xz-presentation-list/xz-presentation-list.js';
export {
  type FairSummary,
  type FairDetail,
  type Venue,
  type Booth,
  type BoothState,
  type BoothEvent,
} from './fair.js';
export { type SiteInfo, type SiteThemeSettings, type XzErrorDetail } from './site.js';
export {
  ApiError,
  DEFAULT_API_BASE,
  getJson,
  sendJson,
  resolveApiBase,
  type GetJsonOptions,
  type SendJsonOptions,
} from './api.js';
