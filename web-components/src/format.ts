// The platform's own formatter (core/format), bundled into the widgets: a widget shows the same salary, date and
// 有效期至 as the school site's pages, staff review and exports.
export {
  addDays,
  formatDate,
  formatDateTime,
  formatSalary,
  money,
  validUntil,
} from '../../core/format/index.js';
