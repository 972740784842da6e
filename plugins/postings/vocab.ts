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
