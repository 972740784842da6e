// The page kit every feature's pages use: declared access, sessions per audience, rendering in the site's theme with
// the employer-centre or staff-console chrome, forms, flash texts, pagers and lenient queries. Features import from
// here, never from each other's pages.
export { pageRoutes, type PageAccess, type PageRoute } from './access.js';
export { flashTexts } from './flash.js';
export { dateTime } from './format.js';
export * from './forms.js';
export { listHref, pager, type Pager } from './pager.js';
export { lenientQuery, paramsOr404 } from './query.js';
export { addFeaturePages, appOf, render, type RenderOptions } from './render.js';
export {
  afterLogin,
  AREAS,
  cookiePath,
  endSession,
  local,
  safeNext,
  seeOther,
  sessionAuth,
  sessionOf,
  staffOf,
  startSession,
  studentOf,
  toLogin,
  type Audience,
} from './session.js';
export type {
  Badge,
  EmployerMenuEntry,
  EmployerSession,
  HomeCard,
  StaffMenuEntry,
  StudentMenuEntry,
  StudentSession,
} from './ui.js';
