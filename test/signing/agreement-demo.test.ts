// The demo seed's agreements: every tab filled for demo employers 1–5, none for the students who try the flow
// (学号 2027000001 … 2027000010), and a second run changes nothing.
import { expect } from 'chai';
import { runSeeders } from '../../core/seed.js';
import { getDeployment } from '../helpers/deployment.js';

describe('demo agreements', () => {
  it('fills every tab for demo employer 1, spares the sign-in students, and is idempotent', async function () {
    this.timeout(300_000);
    const { app } = await getDeployment();
    await runSeeders(app);
    const count = async () =>
      Number(((await app.db('agreements').count({ n: '*' }).first()) as { n: string }).n);
    const before = await count();
    const account = await app.db('employer_accounts').where('phone', '13900000001').first('employer_id');
    const statuses = (await app
      .db('agreements')
      .where('employer_id', account.employer_id)
      .pluck('status')) as string[];
    expect([...new Set(statuses)].sort()).to.deep.equal(
      [
        'accepted',
        'declined',
        'invited',
        'signed',
        'terminated',
        'terminating',
        'termination_refused',
      ].sort(),
    );
    const spared = await app
      .db('agreements as a')
      .join('students as s', 's.id', 'a.student_id')
      .whereBetween('s.student_no', ['2027000001', '2027000010']);
    expect(spared).to.have.length(0);
    await runSeeders(app);
    expect(await count()).to.equal(before);
  });
});
