// One tab of 签约解约管理 as an Excel workbook (.xlsx). ID numbers stay masked (PIPL: the employer's list never shows
// them in full) and the last row names who exported it and when. exceljs is loaded on the first export, not at boot.
import { formatDateTime } from '../../core/format/index.js';
import { maskIdNumber } from '../students/models/student.js';
import type { AgreementRow } from './agreement-service.js';
import { STATUS_LABELS } from './agreement-transitions.js';
import type { SiteRegistry } from '../../core/tenancy/sites.js';

export async function agreementsWorkbook(
  rows: AgreementRow[],
  meta: { tabLabel: string; viewer: string; employer: string; at: Date; sites: SiteRegistry },
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'xiaozhao';
  const sheet = book.addWorksheet(meta.tabLabel);
  sheet.columns = [
    { header: '协议编号', key: 'no', width: 18 },
    { header: '学生姓名', key: 'name', width: 12 },
    { header: '身份证号', key: 'id', width: 22 },
    { header: '学校', key: 'school', width: 24 },
    { header: '专业', key: 'major', width: 20 },
    { header: '学历', key: 'degree', width: 8 },
    { header: '毕业年份', key: 'year', width: 10 },
    { header: '岗位', key: 'position', width: 20 },
    { header: '月薪（元）', key: 'salary', width: 12 },
    { header: '试用期（月）', key: 'probation', width: 12 },
    { header: '合同年限', key: 'years', width: 10 },
    { header: '工作地点', key: 'place', width: 20 },
    { header: '状态', key: 'status', width: 12 },
    { header: '邀约时间', key: 'invited', width: 18 },
    { header: '学生应约', key: 'accepted', width: 18 },
    { header: '学校确认', key: 'confirmed', width: 18 },
    { header: '解约原因', key: 'reason', width: 30 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of rows)
    sheet.addRow({
      no: r.agreement_no,
      name: r.student_name,
      id: maskIdNumber(r.student_id_number),
      school: meta.sites.byId(r.site_id)?.name ?? '',
      major: r.student_major,
      degree: r.student_degree,
      year: r.student_graduation_year,
      position: r.position,
      salary: r.salary_monthly,
      probation: r.probation_months,
      years: r.contract_years,
      place: r.work_place,
      status: STATUS_LABELS[r.status],
      invited: formatDateTime(r.employer_signed_at),
      accepted: formatDateTime(r.accepted_at),
      confirmed: formatDateTime(r.school_confirmed_at),
      reason: r.termination_reason ?? '',
    });
  sheet.addRow([]);
  sheet.addRow([
    `导出人：${meta.viewer}（${meta.employer}） 导出时间：${formatDateTime(meta.at)}（北京时间）`,
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
