// Controlled vocabularies of postings.
export const JOB_CATEGORIES = [
  '技术研发',
  '产品',
  '设计',
  '运营',
  '市场营销',
  '销售',
  '职能行政',
  '人力资源',
  '财务会计',
  '金融',
  '教育培训',
  '医疗医药',
  '生产制造',
  '建筑工程',
  '法务',
  '咨询',
  '物流',
  '其他',
] as const;

export const DEGREES = ['不限', '大专', '本科', '硕士', '博士'] as const;

/**
 * The requirements a graduate of `degree` meets: a job's degree is its minimum (本科 = 本科及以上), so a 本科 graduate
 * may apply to jobs asking 学历不限, 大专 or 本科, and the degree filter of the listings shows exactly those. `不限`
 * (no degree named) shows only the jobs that ask for none.
 */
export function degreesOpenTo(degree: string): string[] {
  const rank = (DEGREES as readonly string[]).indexOf(degree);
  if (rank < 0) return [degree];
  return rank === 0 ? ['不限'] : DEGREES.slice(0, rank + 1);
}
