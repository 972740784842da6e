// Uploads under abuse: a daily quota per employer that holds under parallel requests, files never attached purged
// after a day (rows and bytes), and a school's staff reading an employer's files only once it is an approved member.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { TEST_DATA_DIR } from '../helpers/env.js';
import {
  approvePending,
  bearer,
  memberOf,
  PDF,
  registerEmployer,
  submitProfile,
  uploadFile,
} from '../helpers/employers.js';
import { Jar, get } from '../helpers/pages.js';
import { UPLOAD_QUOTA } from '../../plugins/files/file-service.js';

/** Rows as earlier uploads of today (or `age` ago) would have left them; their bytes are not needed here. */
async function earlierUploads(employerId: number, count: number, size: number, age = '0 seconds') {
  const { app } = await getDeployment();
  const rows = Array.from({ length: count }, () => {
    const id = randomUUID();
    return {
      id,
      employer_id: employerId,
      purpose: 'attachment',
      name: 'earlier.pdf',
      size,
      mime: 'application/pdf',
      sha256: '0'.repeat(64),
      storage_key: `test/${id}.pdf`,
      created_at: app.db.raw(`now() - ?::interval`, [age]),
    };
  });
  await app.db('files').insert(rows);
}

const filesOf = async (employerId: number) => {
  const { app } = await getDeployment();
  return Number((await app.db('files').where({ employer_id: employerId }).count('* as n'))[0]!.n);
};

const storedBlobs = () => {
  const root = join(TEST_DATA_DIR, 'files');
  return existsSync(root)
    ? readdirSync(root, { recursive: true }).filter((f) => /\.(pdf|png|jpg)$/.test(String(f))).length
    : 0;
};

const stored = (key: string) => existsSync(join(TEST_DATA_DIR, 'files', key));

describe('POST /api/v1/files: daily quota per employer', () => {
  it('refuses a file past the day’s count with 429 UPLOAD_QUOTA and stores nothing', async () => {
    const reg = await registerEmployer();
    const other = await registerEmployer();
    await earlierUploads(reg.employerId, UPLOAD_QUOTA.files, 1000);
    const blobs = storedBlobs();
    const res = await uploadFile(reg.token, PDF, 'one-more.pdf', 'attachment');
    expect(res.statusCode).to.equal(429);
    expect(json(res)).to.deep.include({ statusCode: 429, code: 'UPLOAD_QUOTA' });
    expect(json<{ message: string }>(res).message).to.match(/今日上传已达上限/);
    expect(await filesOf(reg.employerId)).to.equal(UPLOAD_QUOTA.files);
    const { app } = await getDeployment();
    expect(await app.db('files').where({ employer_id: reg.employerId, name: 'one-more.pdf' })).to.have.length(
      0,
    );
    expect(storedBlobs(), 'the refused bytes were removed again').to.equal(blobs);
    // the quota is the employer's own
    expect((await uploadFile(other.token, PDF, 'x.pdf', 'attachment')).statusCode).to.equal(201);
  });

  it('counts bytes too, and only today’s uploads', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    await earlierUploads(reg.employerId, UPLOAD_QUOTA.bytes / (10 * 1024 * 1024), 10 * 1024 * 1024);
    const full = await uploadFile(reg.token, PDF, 'full.pdf', 'attachment');
    expect(full.statusCode).to.equal(429);
    expect(json(full).code).to.equal('UPLOAD_QUOTA');
    await app
      .db('files')
      .where({ employer_id: reg.employerId })
      .update({
        created_at: app.db.raw(`now() - interval '2 days'`),
      });
    expect((await uploadFile(reg.token, PDF, 'tomorrow.pdf', 'attachment')).statusCode).to.equal(201);
  });

  it('holds under parallel uploads: exactly the files left in the quota are stored', async () => {
    const reg = await registerEmployer();
    await earlierUploads(reg.employerId, UPLOAD_QUOTA.files - 3, 1000);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => uploadFile(reg.token, PDF, `p${i}.pdf`, 'attachment')),
    );
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes).to.deep.equal([201, 201, 201, 429, 429, 429, 429, 429]);
    expect(await filesOf(reg.employerId)).to.equal(UPLOAD_QUOTA.files);
  });
});

describe('files.purge-orphans', () => {
  it('deletes rows and bytes of files older than a day that nothing refers to, and nothing else', async () => {
    const { app } = await getDeployment();
    const reg = await memberOf([]);
    const upload = async (name: string) => {
      const res = await uploadFile(reg.token, PDF, name, 'attachment');
      expect(res.statusCode).to.equal(201);
      return json<{ id: string }>(res).id;
    };
    const attachment = await upload('attachment.pdf');
    const announcement = await inject({
      method: 'POST',
      url: '/api/v1/employer/announcements',
      headers: bearer(reg.token),
      payload: {
        title: '附件测试公告',
        body: '公告正文，含附件，请下载查看详细要求。',
        attachments: [attachment],
        siteSlugs: [],
      },
    });
    expect(announcement.statusCode, announcement.payload).to.equal(201);
    const receipt = await upload('receipt.pdf');
    const booking = (await app.db('fair_bookings').first('fair_id', 'site_id', 'payment_status'))!;
    await app.db('fair_bookings').insert({
      ...booking,
      employer_id: reg.employerId,
      status: 'cancelled',
      attendees: JSON.stringify([]),
      receipt_file_id: receipt,
    });
    const orphan = await upload('orphan.pdf');
    const young = await upload('young.pdf');
    const letter = (await app
      .db('employers')
      .where({ id: reg.employerId })
      .first('authorization_letter_file_id'))!.authorization_letter_file_id as string;
    const keys = Object.fromEntries(
      (await app.db('files').where({ employer_id: reg.employerId }).select('id', 'storage_key')).map((f) => [
        f.id,
        f.storage_key as string,
      ]),
    );
    for (const id of [attachment, receipt, orphan, young, letter])
      expect(stored(keys[id]!), id).to.equal(true);
    await app
      .db('files')
      .whereIn('id', [attachment, receipt, orphan, letter])
      .update({ created_at: app.db.raw(`now() - interval '25 hours'`) });

    expect(await app.services.files!.purgeOrphans()).to.be.at.least(1);

    const left = await app.db('files').where({ employer_id: reg.employerId }).pluck('id');
    expect(left.sort()).to.deep.equal([attachment, receipt, young, letter].sort());
    expect(stored(keys[orphan]!)).to.equal(false);
    for (const id of [attachment, receipt, young, letter]) expect(stored(keys[id]!), id).to.equal(true);
    // a second run finds nothing more of this employer's
    await app.services.files!.purgeOrphans();
    expect(await filesOf(reg.employerId)).to.equal(4);
  });
});

describe('GET /api/v1/files/{id} and /admin/files/{id} for school staff', () => {
  async function staffJar(username: string): Promise<Jar> {
    const { app } = await getDeployment();
    const { payload } = await app.services.staff!.login(username, 'xiaozhao-demo', '127.0.0.1');
    const jar = new Jar();
    jar.cookies.set('xz_staff', app.principals.sign(payload));
    return jar;
  }

  it('gives a school the file only once the employer is its approved member (pending, rejected: 404)', async () => {
    const { app } = await getDeployment();
    const slug = 'hhu';
    expect(app.sites.get(slug)!.reviewPolicies.membership.plugin).to.equal('review-policy-manual');
    const reg = await registerEmployer();
    expect((await submitProfile(reg.token)).statusCode).to.equal(200);
    await approvePending('main', (r) => r.employer_id === reg.employerId && r.subject_type === 'membership');
    const letter = (await app
      .db('employers')
      .where({ id: reg.employerId })
      .first('authorization_letter_file_id'))!.authorization_letter_file_id as string;
    const staff = await staffToken(`${slug}.admin`);
    const jar = await staffJar(`${slug}.admin`);
    const api = async () =>
      (await inject({ url: `/api/v1/files/${letter}`, headers: bearer(staff) })).statusCode;
    const page = async () => (await get(`/s/${slug}/admin/files/${letter}`, jar)).statusCode;

    expect(await api(), 'no membership').to.equal(404);
    const applied = await inject({
      method: 'POST',
      url: `/api/v1/employer/sites/${slug}/membership`,
      headers: bearer(reg.token),
      payload: {},
    });
    expect(json(applied).status).to.equal('pending');
    expect(await api(), 'pending').to.equal(404);
    expect(await page(), 'pending').to.equal(404);

    const m = await app
      .db('memberships')
      .where({ employer_id: reg.employerId, site_id: app.sites.get(slug)!.id })
      .first();
    const review = await app
      .db('reviews')
      .where({ site_id: m.site_id, subject_type: 'membership', subject_id: m.id })
      .first();
    const reject = await inject({
      method: 'POST',
      url: `/api/v1/admin/reviews/${review.id}/decision`,
      headers: bearer(staff),
      payload: { decision: 'reject', comment: '资料不全' },
    });
    expect(reject.statusCode).to.equal(200);
    expect(await api(), 'rejected').to.equal(404);
    expect(await page(), 'rejected').to.equal(404);

    await inject({
      method: 'POST',
      url: `/api/v1/employer/sites/${slug}/membership`,
      headers: bearer(reg.token),
      payload: {},
    });
    await approvePending(slug, (r) => r.employer_id === reg.employerId && r.subject_type === 'membership');
    expect(await api(), 'approved').to.equal(200);
    expect(await page(), 'approved').to.equal(200);
    // another school, where the employer never applied, still sees nothing
    expect(
      (await inject({ url: `/api/v1/files/${letter}`, headers: bearer(await staffToken('nju.admin')) }))
        .statusCode,
    ).to.equal(404);
  });
});
