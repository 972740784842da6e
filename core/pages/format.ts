// Formats every page shows the same way: core/format, shared with the widgets and exports.
import { formatDateTime } from '../format/index.js';

/** 2025-06-20 14:03 in Asia/Shanghai. */
export function dateTime(iso: string | Date | null | undefined): string {
  return formatDateTime(iso);
}
