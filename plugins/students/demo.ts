// Demo rosters: about 200 students each at nju, seu and suda, with realistic names and majors, valid ID numbers that
// no other demo or test student has (never region 320102, which the test helpers use), a quarter 可网签. The first ten
// of each school (学号 2027000001 … 2027000010) have the demo password and have signed in once. Deterministic and
// idempotent: rows already there (by 学号, ID number or phone) are left alone.
import type { App } from '../../core/app.js';
import { hashPassword } from '../../core/auth/password.js';
import { idNumberCheckChar } from '../../core/identifiers.js';

export const DEMO_SCHOOLS = ['nju', 'seu', 'suda'] as const;
export const DEMO_ROSTER_SIZE = 200;
export const DEMO_SIGNED_IN = 10;

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶贺顾毛郝龚邵万钱严武戴孔汤',
];
const MALE = [
  '浩然',
  '子轩',
  '宇航',
  '俊杰',
  '文博',
  '明轩',
  '志强',
  '天佑',
  '思远',
  '嘉豪',
  '一鸣',
  '晨阳',
  '泽宇',
  '博文',
  '昊天',
  '振华',
  '逸飞',
  '建国',
  '子豪',
  '家乐',
  '睿',
  '磊',
  '凯',
  '鹏',
];
const FEMALE = [
  '子涵',
  '雨桐',
  '欣怡',
  '诗涵',
  '梓萱',
  '晓雯',
  '佳琪',
  '若曦',
  '婉清',
  '思琪',
  '一诺',
  '语嫣',
  '梦瑶',
  '静怡',
  '可馨',
  '雨萱',
  '紫涵',
  '书瑶',
  '嘉怡',
  '晓彤',
  '颖',
  '婷',
  '悦',
  '琳',
];
const MAJORS: Record<(typeof DEMO_SCHOOLS)[number], string[]> = {
  nju: [
    '计算机科学与技术',
    '软件工程',
    '人工智能',
    '电子信息科学与技术',
    '数学与应用数学',
    '物理学',
    '化学',
    '天文学',
    '汉语言文学',
    '新闻学',
    '法学',
    '经济学',
    '金融学',
    '会计学',
    '地理科学',
    '环境科学',
    '生物科学',
    '社会学',
  ],
  seu: [
    '建筑学',
    '土木工程',
    '电气工程及其自动化',
    '信息工程',
    '机械工程',
    '交通工程',
    '生物医学工程',
    '能源与动力工程',
    '自动化',
    '计算机科学与技术',
    '软件工程',
    '网络空间安全',
    '微电子科学与工程',
    '材料科学与工程',
    '临床医学',
    '测控技术与仪器',
  ],
  suda: [
    '纺织工程',
    '法学',
    '汉语言文学',
    '临床医学',
    '护理学',
    '材料化学',
    '计算机科学与技术',
    '数学与应用数学',
    '金融学',
    '体育教育',
    '音乐学',
    '英语',
    '物理学',
    '化学',
    '视觉传达设计',
    '城乡规划',
  ],
};
// Jiangsu county codes (not 320102: the test helpers' ID numbers are all of it).
const REGIONS = [
  '320104',
  '320105',
  '320106',
  '320111',
  '320115',
  '320205',
  '320211',
  '320302',
  '320411',
  '320505',
  '320506',
  '320583',
  '320612',
  '320703',
  '320803',
  '320902',
  '321002',
  '321102',
  '321202',
  '321302',
];
const PHONE_HEADS = ['138', '139', '151', '158', '187', '182', '135', '177'];

export interface DemoStudent {
  studentNo: string;
  name: string;
  idNumber: string;
  gender: '男' | '女';
  degree: '专科' | '本科' | '硕士' | '博士';
  major: string;
  graduationYear: number;
  phone: string;
  eSignEligible: boolean;
}

/** The `i`-th (0-based) demo student of the `k`-th demo school: the same every run. */
export function demoStudent(k: number, i: number): DemoStudent {
  const school = DEMO_SCHOOLS[k]!;
  const seq = k * DEMO_ROSTER_SIZE + i;
  // the 17th digit of an ID number is odd for men
  const gender = seq % 2 === 1 ? '男' : '女';
  const degree =
    i % 25 === 7 ? '博士' : i % 5 === 3 ? '硕士' : school === 'suda' && i % 20 === 11 ? '专科' : '本科';
  const age = degree === '博士' ? 27 : degree === '硕士' ? 24 : degree === '专科' ? 21 : 22;
  const birth = new Date(Date.UTC(2027 - age, 0, 1) + ((i * 37 + k * 11) % 360) * 86_400_000);
  const first17 = `${REGIONS[(i + k * 7) % REGIONS.length]}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  const given = gender === '男' ? MALE : FEMALE;
  const surname = SURNAMES[(i * 7 + k * 13) % SURNAMES.length]!;
  const majors = MAJORS[school];
  return {
    studentNo: `2027${String(i + 1).padStart(6, '0')}`,
    name: `${surname}${given[(i * 5 + k) % given.length]}`,
    idNumber: first17 + idNumberCheckChar(first17),
    gender,
    degree,
    major: majors[(i * 3 + k) % majors.length]!,
    graduationYear: i % 10 === 9 ? 2026 : 2027,
    phone: `${PHONE_HEADS[(i + k) % PHONE_HEADS.length]}${k + 1}${String(i).padStart(3, '0')}${String((i * 7919 + k * 104729) % 10000).padStart(4, '0')}`,
    eSignEligible: i % 4 === 0,
  };
}

export async function seedDemoStudents(app: App): Promise<void> {
  const hash = await hashPassword(app.config.demoPassword);
  for (const [k, slug] of DEMO_SCHOOLS.entries()) {
    const site = app.sites.get(slug);
    if (!site) continue;
    const rows = Array.from({ length: DEMO_ROSTER_SIZE }, (_, i) => {
      const s = demoStudent(k, i);
      const signedIn = i < DEMO_SIGNED_IN;
      return {
        site_id: site.id,
        student_no: s.studentNo,
        name: s.name,
        id_number: s.idNumber,
        gender: s.gender,
        degree: s.degree,
        major: s.major,
        graduation_year: s.graduationYear,
        phone: s.phone,
        e_sign_eligible: s.eSignEligible,
        password_hash: signedIn ? hash : null,
        last_login_at: signedIn ? app.db.fn.now() : null,
      };
    });
    await app.db('students').insert(rows).onConflict().ignore();
  }
}
