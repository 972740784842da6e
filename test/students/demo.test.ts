import { expect } from 'chai';
import { checkIdNumber } from '../../core/identifiers.js';
import { getDeployment } from '../helpers/deployment.js';
import {
  DEMO_ROSTER_SIZE,
  DEMO_SCHOOLS,
  demoStudent,
  seedDemoStudents,
} from '../../plugins/students/demo.js';

// The demo rosters: 200 students at each of nju, seu and suda, valid and unique, a quarter 可网签, the first ten signed
// in with the demo password; seeding again changes nothing.

describe('demo students', () => {
  it('are valid, unique and seeded once however often the seeder runs', async () => {
    const { app } = await getDeployment();
    const ids = new Set<string>();
    for (let k = 0; k < DEMO_SCHOOLS.length; k += 1)
      for (let i = 0; i < DEMO_ROSTER_SIZE; i += 1) {
        const s = demoStudent(k, i);
        expect(checkIdNumber(s.idNumber), s.idNumber).to.equal(true);
        expect(s.idNumber.slice(0, 6)).not.to.equal('320102');
        ids.add(s.idNumber);
      }
    expect(ids.size).to.equal(DEMO_SCHOOLS.length * DEMO_ROSTER_SIZE);
    const eligible = Array.from({ length: DEMO_ROSTER_SIZE }, (_, i) => demoStudent(0, i)).filter(
      (s) => s.eSignEligible,
    );
    expect(eligible).to.have.length(DEMO_ROSTER_SIZE / 4);

    await seedDemoStudents(app);
    for (const slug of DEMO_SCHOOLS) {
      const site = app.sites.require(slug);
      const rows = await app
        .db('students')
        .where('site_id', site.id)
        .where('student_no', 'like', '2027______')
        .select('student_no', 'password_hash', 'last_login_at');
      expect(rows, slug).to.have.length(DEMO_ROSTER_SIZE);
      const signedIn = rows.filter((r) => r.password_hash && r.last_login_at).map((r) => r.student_no);
      expect(signedIn.sort()).to.deep.equal(
        Array.from({ length: 10 }, (_, i) => `20270000${String(i + 1).padStart(2, '0')}`),
      );
    }
  });
});
