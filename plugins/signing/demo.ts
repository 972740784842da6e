// Demo signing authorisations: demo employers 1–10 (phones 13900000001…) hold an approval valid for a year from the
// day the seed runs, employer 11 a request waiting for the province's review. Idempotent: an employer that already
// has any request is left as it is.
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { SigningAuthorizationService } from './authorization-service.js';
import { SUBJECT } from './authorization-service.js';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const AGENTS = ['王立新', '李晓梅', '张建国', '刘芳', '陈伟', '杨静', '赵磊', '黄丽', '周强', '吴敏', '徐涛'];

/** A GB 11643-valid ID number for demo agent `n` (南京市玄武区, born in the 1990s). */
function demoIdNumber(n: number): string {
  const first17 = `320102199${n % 10}0${1 + (n % 9)}1${n % 10}${String(100 + n).slice(-3)}`;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return first17 + ID_CHECK[sum % 11]!;
}

/** A tiny valid PDF standing in for the stamped 《单位注册和网上签约授权委托书》. */
function letterPdf(n: number): Buffer {
  const text = `Online signing authorization letter (demo ${n})`;
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n4 0 obj<</Length ${text.length + 30}>>stream\nBT /F1 14 Tf 72 760 Td (${text}) Tj ET\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

export async function seedDemoAuthorizations(app: App, authorizations: SigningAuthorizationService) {
  const accounts = service(app, 'accounts');
  const reviews = service(app, 'reviews');
  const today = app.clock.today();
  const inAYear = new Date(Date.parse(`${today}T00:00:00Z`) + 365 * 86_400_000).toISOString().slice(0, 10);
  for (let n = 1; n <= 11; n += 1) {
    const account = await accounts.byPhone(`139000000${String(n).padStart(2, '0')}`);
    if (!account) continue;
    const c = (await accounts.resolve(accounts.payload(account))) as EmployerCredentials;
    if (await app.db('signing_authorizations').where({ employer_id: c.employerId }).first('id')) continue;
    const letter = await service(app, 'files').store({
      employerId: c.employerId,
      accountId: c.id,
      purpose: 'authorization-letter',
      filename: '单位注册和网上签约授权委托书.pdf',
      data: letterPdf(n),
    });
    const { id } = await authorizations.submit(c, {
      letterFileId: letter.id,
      agentName: AGENTS[n - 1]!,
      agentIdNumber: demoIdNumber(n),
      agentPhone: `1380000${String(1000 + n).slice(-4)}`,
      validUntil: inAYear,
    });
    if (n > 10) continue;
    const review = await app
      .db('reviews')
      .where({ subject_type: SUBJECT, subject_id: id, status: 'pending' })
      .first('id');
    if (review)
      await app.db.transaction((trx) =>
        reviews.decideAs(
          trx,
          Number(review.id),
          'approved',
          '演示数据：审核通过',
          { kind: 'system', id: null },
          { validUntil: inAYear },
        ),
      );
  }
}
