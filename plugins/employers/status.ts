// An employer's certification status as every page shows it.
import type { EmployerStatus } from './employer-service.js';

export const EMPLOYER_STATUS: Record<EmployerStatus, { label: string; tone: string }> = {
  unverified: { label: '未认证', tone: 'muted' },
  pending: { label: '认证审核中', tone: 'warning' },
  verified: { label: '已认证', tone: 'success' },
  rejected: { label: '认证未通过', tone: 'danger' },
};
