// Bulk arrangement for concurrency tests: many certified employers that joined a site and have a published job,
// written straight into the tables (the API path is covered elsewhere; 60 registrations through SMS would only be slow).
import { addDays } from '../../core/clock.js';
import { usccCheckChar } from '../../core/identifiers.js';
import { getDeployment } from './deployment.js';

let batch = 0;

export interface FixtureEmployer {
  employerId: number;
  accountId: number;
  token: string;
  jobId: number;
}

export async function bulkEmployers(count: number, siteSlug: string): Promise<FixtureEmployer[]> {
  const { app } = await getDeployment();
  batch += 1;
  const site = app.sites.get(siteSlug)!;
  const main = app.sites.main();
  const out: FixtureEmployer[] = [];
  await app.db.transaction(async (trx) => {
    for (let i = 0; i < count; i += 1) {
      const n = `${process.pid % 100}${String(batch).padStart(2, '0')}${String(i).padStart(3, '0')}`;
      const first17 = `91320100${n.padStart(9, '0').slice(-9)}`;
      const [e] = await trx('employers')
        .insert({
          name: `并发测试单位${n}`,
          uscc: first17 + usccCheckChar(first17),
          uscc_check_passed: true,
          contact_name: '测试',
          contact_phone: `136${n.padStart(8, '0').slice(-8)}`,
        })
        .returning('id');
      const employerId = (e as { id: number }).id;
      const [a] = await trx('employer_accounts')
        .insert({
          employer_id: employerId,
          phone: `136${n.padStart(8, '0').slice(-8)}`,
          name: '测试',
          is_admin: true,
          password_hash: 'scrypt$x',
          last_login_at: trx.fn.now(),
        })
        .returning('id');
      const [r] = await trx('employer_roles')
        .insert({
          employer_id: employerId,
          name: '单位管理员',
          builtin: true,
          permissions: [
            'profile',
            'sites',
            'accounts',
            'jobs',
            'announcements',
            'fairs',
            'presentations',
            'applications',
            'signing',
          ],
        })
        .returning('id');
      await trx('employer_account_roles').insert({
        account_id: (a as { id: number }).id,
        role_id: (r as { id: number }).id,
      });
      await trx('memberships').insert([
        { site_id: main.id, employer_id: employerId, status: 'approved', decided_at: trx.fn.now() },
        { site_id: site.id, employer_id: employerId, status: 'approved', decided_at: trx.fn.now() },
      ]);
      const expires = addDays(app.clock.today(), 60);
      const [j] = await trx('jobs')
        .insert({
          employer_id: employerId,
          title: '并发测试职位',
          category: '技术研发',
          description: '并发测试职位描述',
          headcount: 1,
          salary_min: 5000,
          salary_max: 8000,
          cities: ['320100'],
          degree: '本科',
          expires_on: expires,
        })
        .returning('id');
      await trx('job_publications').insert({
        site_id: main.id,
        job_id: (j as { id: number }).id,
        status: 'approved',
        expires_on: expires,
        approved_at: trx.fn.now(),
        reviewed_at: trx.fn.now(),
      });
      out.push({
        employerId,
        accountId: (a as { id: number }).id,
        jobId: (j as { id: number }).id,
        token: app.principals.sign({ kind: 'employer', sub: String((a as { id: number }).id), tv: 1 }),
      });
    }
  });
  return out;
}
