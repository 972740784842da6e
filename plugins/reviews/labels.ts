// How review states and history actions read in Chinese, wherever reviews are shown.
import type { ReviewStatus } from './review-service.js';

export const REVIEW_STATUS: Record<ReviewStatus, { label: string; tone: string }> = {
  pending: { label: '待审核', tone: 'warning' },
  approved: { label: '已通过', tone: 'success' },
  rejected: { label: '未通过', tone: 'danger' },
  withdrawn: { label: '已撤回', tone: 'muted' },
};

export const ACTION_LABELS: Record<string, string> = {
  submitted: '提交',
  resubmitted: '重新提交',
  approved: '通过',
  rejected: '驳回',
  uscc_override: '人工核验',
  withdrawn: '撤回',
  edited: '宽限期内修改',
};
