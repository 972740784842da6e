// Demo jobs: every demo employer publishes on main and its joined schools; some copies approved, some pending,
// one expired. Idempotent: employers that already have jobs are skipped.
import type { App } from '../../core/app.js';
import { service } from '../../core/app.js';
import { addDays } from '../../core/clock.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { JobService } from './job-service.js';
import { Job } from './models/job.js';

const TITLES = [
  '软件开发工程师',
  '硬件测试工程师',
  '产品经理助理',
  '市场专员',
  '财务管培生',
  '数据分析师',
  '机械设计工程师',
  '人力资源专员',
  '销售代表',
  '运营专员',
];
const CATEGORIES = [
  '技术研发',
  '技术研发',
  '产品',
  '市场营销',
  '财务会计',
  '技术研发',
  '生产制造',
  '人力资源',
  '销售',
  '运营',
];
const CITIES = [['320100'], ['320500', '320100'], ['320200'], ['310000', '320100'], ['320400']];
const DEGREES = ['本科', '硕士', '本科', '不限', '大专'];

export async function seedDemoJobs(app: App, jobs: JobService): Promise<void> {
  const accounts = service(app, 'accounts');
  const reviews = service(app, 'reviews');
  for (let i = 0; i < 20; i += 1) {
    const phone = `139000000${String(i + 1).padStart(2, '0')}`;
    const account = await accounts.byPhone(phone);
    if (!account) continue;
    if (await Job.query(app.db).findOne({ employer_id: account.employer_id }).select('id')) continue;
    const c = (await accounts.resolve(accounts.payload(account)))! as EmployerCredentials;
    for (let k = 0; k < 3; k += 1) {
      const n = (i * 3 + k) % TITLES.length;
      const job = await jobs.create(
        c,
        {
          title: TITLES[n]!,
          category: CATEGORIES[n]!,
          description: `负责${TITLES[n]}相关工作。要求：${DEGREES[n % DEGREES.length]}及以上学历，专业对口，沟通能力良好，欢迎应届毕业生投递。`,
          headcount: 1 + ((i + k) % 5),
          salaryMin: 5000 + 500 * ((i + k) % 8),
          salaryMax: 9000 + 1000 * ((i + k) % 8),
          cities: CITIES[(i + k) % CITIES.length]!,
          degree: DEGREES[(i + k) % DEGREES.length]!,
          majors: ['计算机科学与技术', '软件工程'].slice(0, 1 + (k % 2)),
          expiresOn: addDays(app.clock.today(), 20 + i + k * 7),
        },
        ['nju', 'seu', 'suda'],
      );
      // most copies approved by their sites, the third job of every other employer left pending
      if (k === 2 && i % 2 === 1) continue;
      const pending = await app
        .db('reviews as r')
        .join('job_publications as p', 'p.id', 'r.subject_id')
        .where({ 'r.subject_type': 'job', 'r.status': 'pending', 'p.job_id': job.id })
        .select('r.id', 'p.site_id');
      for (const r of pending) {
        await app.db.transaction((trx) =>
          reviews.decideAs(trx, Number(r.id), 'approved', '演示数据：审核通过', { kind: 'system', id: null }),
        );
      }
      await service(app, 'listingCache').bump('jobs', ['main', 'nju', 'seu', 'suda']);
    }
    if (i % 4 === 0) {
      // one expired posting for the 已失效 tab
      const first = await Job.query(app.db)
        .where({ employer_id: account.employer_id })
        .orderBy('id')
        .first()
        .select('id');
      if (!first) continue;
      const yesterday = addDays(app.clock.today(), -1);
      await first.$query(app.db).patch({ expiresOn: yesterday, state: 'expired' });
      await first.$relatedQuery('publications', app.db).patch({ expiresOn: yesterday });
    }
  }
}
