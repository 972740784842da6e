// The 20 demo employers of API.md: admin phones 13900000001 … 13900000020, valid unique USCCs, complete profiles,
// certified on `main` and approved members of nju, seu and suda; the last five have applied to hhu, njust, cumt and
// njnu for staff to try. Idempotent: existing ones are left alone.
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import { usccCheckChar } from '../../core/identifiers.js';

const NAMES = [
  '南京云帆信息科技有限公司',
  '苏州湖畔智能制造有限公司',
  '无锡长江微电子股份有限公司',
  '常州星河新能源科技有限公司',
  '扬州运河文化传媒有限公司',
  '南通海启船舶工程有限公司',
  '徐州汉风工程机械有限公司',
  '镇江金山生物医药有限公司',
  '泰州凤城医疗器械有限公司',
  '盐城黄海风电设备有限公司',
  '淮安清江食品集团有限公司',
  '连云港港湾物流有限公司',
  '宿迁骆马湖电子商务有限公司',
  '江苏紫金数据服务有限公司',
  '江苏太湖环保科技有限公司',
  '南京钟山建筑设计研究院有限公司',
  '苏州园林规划设计有限公司',
  '无锡灵山软件技术有限公司',
  '江苏秦淮金融信息服务有限公司',
  '南京玄武人工智能研究院有限公司',
];
const REGIONS = [
  '320100',
  '320500',
  '320200',
  '320400',
  '321000',
  '320600',
  '320300',
  '321100',
  '321200',
  '320900',
  '320800',
  '320700',
  '321300',
];
const NATURES = ['民营企业', '国有企业', '外资企业', '合资企业'];
const SCALES = ['50-150人', '150-500人', '500-1000人', '1000-5000人'];
const INDUSTRIES = [
  '信息技术',
  '智能制造',
  '集成电路',
  '新能源',
  '文化传媒',
  '船舶制造',
  '工程机械',
  '生物医药',
  '医疗器械',
  '风电装备',
  '食品制造',
  '现代物流',
  '电子商务',
  '数据服务',
  '环保科技',
  '建筑设计',
  '规划设计',
  '软件开发',
  '金融科技',
  '人工智能',
];
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid USCC for demo employer n: 91 (enterprise) + region + a 9-character organisation code + check char. */
export function demoUscc(n: number): string {
  const region = REGIONS[n % REGIONS.length]!;
  let org = '';
  let x = 7_919 * (n + 1) + 104_729;
  for (let i = 0; i < 9; i += 1) {
    org += CHARS[x % CHARS.length];
    x = Math.floor(x / 3) + 7 * (i + n + 3);
  }
  const first17 = `91${region}${org}`;
  return first17 + usccCheckChar(first17);
}

/** A tiny valid PDF standing in for the stamped authorisation letter. */
function letterPdf(name: string): Buffer {
  const text = `Authorization letter (demo) ${Buffer.from(name).toString('hex').slice(0, 16)}`;
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n4 0 obj<</Length ${text.length + 30}>>stream\nBT /F1 14 Tf 72 760 Td (${text}) Tj ET\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return Buffer.from(body);
}

export async function seedDemoEmployers(app: App): Promise<void> {
  const accounts = service(app, 'accounts');
  const memberships = service(app, 'memberships');
  const reviews = service(app, 'reviews');
  const files = service(app, 'files');
  const passwordHash = await accounts.hash(app.config.demoPassword);
  const joined = ['main', 'nju', 'seu', 'suda'].map((slug) => app.sites.get(slug)!);
  for (let i = 0; i < NAMES.length; i += 1) {
    const phone = `139000000${String(i + 1).padStart(2, '0')}`;
    if (await accounts.byPhone(phone)) continue;
    const name = NAMES[i]!;
    const employerId = await app.db.transaction(async (trx) => {
      const [row] = await trx('employers')
        .insert({
          name,
          uscc: demoUscc(i),
          uscc_check_passed: true,
          e_sign_enabled: i % 3 === 0,
          contact_name: `联系人${i + 1}`,
          contact_phone: phone,
          contact_email: `hr${i + 1}@demo.xiaozhao.example`,
          nature: NATURES[i % NATURES.length],
          industry: INDUSTRIES[i],
          scale: SCALES[i % SCALES.length],
          region_code: REGIONS[i % REGIONS.length],
          address: `江苏省示范路 ${100 + i} 号`,
          website: `https://www.demo${i + 1}.example.com`,
          intro: `${name}是一家位于江苏的${INDUSTRIES[i]}企业，长期面向高校毕业生开展校园招聘。`,
        })
        .returning('id');
      const id = (row as { id: number }).id;
      await accounts.createAdmin(trx, id, {
        phone,
        name: `联系人${i + 1}`,
        email: `hr${i + 1}@demo.xiaozhao.example`,
        passwordHash,
      });
      return id;
    });
    const adminId = (await accounts.byPhone(phone))!.id;
    const letter = await files.store({
      employerId,
      accountId: adminId,
      purpose: 'authorization-letter',
      filename: '单位注册授权委托书.pdf',
      data: letterPdf(name),
    });
    await app
      .db('employers')
      .where({ id: employerId })
      .update({ authorization_letter_file_id: letter.id, profile_submitted_at: app.db.fn.now() });
    for (const site of joined) {
      await app.db.transaction(async (trx) => {
        const m = await memberships.apply(
          trx,
          { id: employerId, name },
          site,
          site.employerTags.slice(0, i % 2).map((t) => t.id),
          { kind: 'employer', id: adminId },
        );
        if (m.status === 'pending') {
          const review = await reviews.find(site.id, 'membership', m.id, trx);
          await reviews.decideAs(trx, Number(review!.id), 'approved', '演示数据：审核通过', {
            kind: 'system',
            id: null,
          });
        }
      });
    }
    if (i >= 15) {
      // a few applications left for school staff to review
      for (const slug of ['hhu', 'njust', 'cumt', 'njnu']) {
        const site = app.sites.get(slug);
        if (!site || (await memberships.get(employerId, site))) continue;
        await app.db.transaction((trx) =>
          memberships.apply(trx, { id: employerId, name }, site, [], { kind: 'employer', id: adminId }),
        );
      }
    }
    if (i === 0) {
      const role = await accounts.createRole(employerId, {
        name: '招聘专员',
        permissions: ['jobs', 'announcements', 'fairs', 'presentations', 'applications'],
      });
      await accounts.createSubAccount(employerId, {
        phone: '13910000001',
        name: '招聘专员（演示）',
        roleIds: [role.id],
      });
    }
  }
}
