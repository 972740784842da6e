// Bookings of a fair as an Excel workbook (.xlsx) for the organisers. exceljs (with its zip libraries) is loaded on
// the first export, not at boot: it was a fifth of start-up time and memory for a button pressed a few times a season.

import { formatDateTime, formatSalary, validUntil } from '../../core/format/index.js';

const STATUS: Record<string, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  cancelled: '已取消',
};
export const PAYMENT_LABELS: Record<string, string> = {
  not_required: '无需缴费',
  not_due: '审核通过后缴费',
  unpaid: '未缴费',
  submitted: '待确认',
  confirmed: '已确认',
  returned: '已退回',
  refund_due: '待退款',
  refunded: '已退款',
};

export interface ExportData {
  fair: { title: string };
  items: {
    id: number;
    employer: { name: string };
    status: string;
    booth: { id: number; code?: string; venue?: string } | null;
    jobs: { title: string; salaryMin?: number; salaryMax?: number; expiresOn?: string }[];
    attendees: { name: string; phone: string; title?: string }[];
    payment: { status: string };
    checkedInAt: string | null;
  }[];
}

/** 软件工程师（7.5k-14k/月，有效期至 2027-05-30）: the salary and date every page and widget shows. */
function jobText(j: ExportData['items'][number]['jobs'][number]): string {
  if (!j.expiresOn) return j.title;
  return `${j.title}（${formatSalary(j.salaryMin, j.salaryMax)}，有效期至 ${validUntil(j.expiresOn)}）`;
}

export async function bookingsWorkbook(data: ExportData): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'xiaozhao';
  const sheet = book.addWorksheet('预定');
  sheet.columns = [
    { header: '预定编号', key: 'id', width: 10 },
    { header: '单位名称', key: 'employer', width: 36 },
    { header: '状态', key: 'status', width: 10 },
    { header: '展位', key: 'booth', width: 14 },
    { header: '招聘职位', key: 'jobs', width: 40 },
    { header: '参会人员', key: 'attendees', width: 40 },
    { header: '缴费', key: 'payment', width: 14 },
    { header: '签到时间', key: 'checkedIn', width: 22 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const b of data.items) {
    sheet.addRow({
      id: b.id,
      employer: b.employer.name,
      status: STATUS[b.status] ?? b.status,
      booth: b.booth ? [b.booth.venue, b.booth.code].filter(Boolean).join(' ') : '',
      jobs: b.jobs.map(jobText).join('、'),
      attendees: b.attendees.map((a) => `${a.name} ${a.phone}${a.title ? `（${a.title}）` : ''}`).join('；'),
      payment: PAYMENT_LABELS[b.payment.status] ?? b.payment.status,
      checkedIn: formatDateTime(b.checkedInAt),
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
