import { expect } from 'chai';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import {
  bearer,
  COMPLETE_PROFILE,
  PDF,
  PNG,
  registerEmployer,
  submitProfile,
  uploadFile,
  withWrongCheckChar,
  nextUscc,
} from '../helpers/employers.js';
import { TEST_DATA_DIR } from '../helpers/env.js';

async function mainReviewOf(employerId: number) {
  const { app } = await getDeployment();
  const m = await app
    .db('memberships')
    .where({ employer_id: employerId, site_id: app.sites.main().id })
    .first();
  return app
    .db('reviews')
    .where({ site_id: app.sites.main().id, subject_type: 'membership', subject_id: m.id })
    .first();
}

function countStoredFiles(): number {
  const root = join(TEST_DATA_DIR, 'files');
  if (!existsSync(root)) return 0;
  return readdirSync(root, { recursive: true }).filter((f) => /\.(pdf|png|jpg)$/.test(String(f))).length;
}

describe('POST /api/v1/files', () => {
  it('stores a PDF recognised by its content, with its sha256', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    const res = await uploadFile(reg.token, PDF, 'letter.pdf');
    expect(res.statusCode).to.equal(201);
    const body = json<{ id: string; mime: string; size: number; sha256: string; name: string }>(res);
    const sha = (await import('node:crypto')).createHash('sha256').update(PDF).digest('hex');
    expect(body).to.include({ mime: 'application/pdf', size: PDF.length, sha256: sha, name: 'letter.pdf' });
    expect(await app.db('files').where({ id: body.id }).first()).to.include({
      employer_id: reg.employerId,
      purpose: 'authorization-letter',
      sha256: sha,
    });
    const png = await uploadFile(reg.token, PNG, 'stamp.bin', 'payment-receipt');
    expect(json(png)).to.include({ mime: 'image/png' });
  });

  it('refuses a file whose content is not PDF/JPEG/PNG whatever its name, and stores nothing', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    const beforeRows = (await app.db('files').count<{ count: number }[]>('* as count'))[0]!.count;
    const beforeFiles = countStoredFiles();
    const res = await uploadFile(reg.token, Buffer.from('<html>not a pdf</html>'), 'letter.pdf');
    expect(res.statusCode).to.equal(415);
    expect(json(res)).to.deep.include({
      code: 'UNSUPPORTED_FILE_TYPE',
      message: '只支持 PDF、JPG、PNG 格式的文件',
    });
    expect((await app.db('files').count<{ count: number }[]>('* as count'))[0]!.count).to.equal(beforeRows);
    expect(countStoredFiles()).to.equal(beforeFiles);
  });

  it('refuses a file over 10 MB with 413', async () => {
    const reg = await registerEmployer();
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await uploadFile(reg.token, big, 'big.pdf');
    expect(res.statusCode).to.equal(413);
    expect(json(res).code).to.be.oneOf(['FILE_TOO_LARGE', 'PAYLOAD_TOO_LARGE']);
  });

  it('lets the owner and the province staff download it; another employer gets 404', async () => {
    const a = await registerEmployer();
    const b = await registerEmployer();
    const file = json<{ id: string }>(await uploadFile(a.token, PDF));
    const own = await inject({ url: `/api/v1/files/${file.id}`, headers: bearer(a.token) });
    expect(own.statusCode).to.equal(200);
    expect(own.headers['content-type']).to.equal('application/pdf');
    expect(own.rawPayload.equals(PDF)).to.equal(true);
    expect((await inject({ url: `/api/v1/files/${file.id}`, headers: bearer(b.token) })).statusCode).to.equal(
      404,
    );
    expect(
      (await inject({ url: `/api/v1/files/${file.id}`, headers: bearer(await staffToken('main.admin')) }))
        .statusCode,
    ).to.equal(200);
    expect(
      (await inject({ url: `/api/v1/files/${file.id}`, headers: bearer(await staffToken('nju.admin')) }))
        .statusCode,
    ).to.equal(404);
  });
});

describe('PUT /api/v1/employer and certification on main', () => {
  it('keeps an incomplete profile as a draft, listing what is missing', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    const res = await inject({
      method: 'PUT',
      url: '/api/v1/employer',
      headers: bearer(reg.token),
      payload: { nature: '民营企业', industry: '信息技术' },
    });
    expect(res.statusCode).to.equal(200);
    const body = json<{
      status: string;
      profileComplete: boolean;
      appliedForCertification: boolean;
      missingFields: { field: string }[];
    }>(res);
    expect(body).to.include({ status: 'unverified', profileComplete: false, appliedForCertification: false });
    expect(body.missingFields.map((m) => m.field)).to.include.members(['scale', 'authorizationLetterFileId']);
    expect(await app.db('memberships').where({ employer_id: reg.employerId })).to.have.length(0);
  });

  it('validates profile fields with Chinese messages', async () => {
    const reg = await registerEmployer();
    const res = await inject({
      method: 'PUT',
      url: '/api/v1/employer',
      headers: bearer(reg.token),
      payload: { regionCode: '3201', nature: '公司' },
    });
    expect(res.statusCode).to.equal(400);
    const details = json<{ details: { path: string; message: string }[] }>(res).details;
    expect(details).to.deep.include({ path: 'regionCode', message: '请填写6位行政区划代码' });
    expect(details.map((d) => d.path)).to.include('nature');
  });

  it('refuses another employer’s file as the authorisation letter', async () => {
    const a = await registerEmployer();
    const b = await registerEmployer();
    const fileOfB = json<{ id: string }>(await uploadFile(b.token, PDF));
    const res = await inject({
      method: 'PUT',
      url: '/api/v1/employer',
      headers: bearer(a.token),
      payload: { ...COMPLETE_PROFILE, authorizationLetterFileId: fileOfB.id },
    });
    expect(res.statusCode).to.equal(400);
    expect(json<{ details: { path: string }[] }>(res).details[0]!.path).to.equal('authorizationLetterFileId');
  });

  it('applies to join main with the first complete profile; province staff approve: verified', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    const res = await submitProfile(reg.token);
    expect(res.statusCode).to.equal(200);
    expect(json(res)).to.deep.include({
      status: 'pending',
      appliedForCertification: true,
      profileComplete: true,
    });
    const review = await mainReviewOf(reg.employerId);
    expect(review).to.include({ status: 'pending', subject_type: 'membership', employer_id: reg.employerId });

    const again = await inject({
      method: 'PUT',
      url: '/api/v1/employer',
      headers: bearer(reg.token),
      payload: { website: 'https://example.com' },
    });
    expect(json(again)).to.deep.include({ appliedForCertification: false, status: 'pending' });

    const queue = json<{ items: { id: number; summary: string }[] }>(
      await inject({
        url: '/api/v1/admin/sites/main/reviews?status=pending&type=membership&pageSize=100',
        headers: bearer(await staffToken('main.admin')),
      }),
    );
    expect(queue.items.map((i) => i.id)).to.include(Number(review.id));

    const decided = await inject({
      method: 'POST',
      url: `/api/v1/admin/reviews/${review.id}/decision`,
      headers: bearer(await staffToken('main.admin')),
      payload: { decision: 'approve', comment: '材料齐全' },
    });
    expect(decided.statusCode).to.equal(200);
    const me = json<{ status: string; certification: { status: string; comment: string } }>(
      await inject({ url: '/api/v1/employer', headers: bearer(reg.token) }),
    );
    expect(me.status).to.equal('verified');
    expect(me.certification).to.include({ status: 'approved', comment: '材料齐全' });
    const events = await app
      .db('review_events')
      .where({ review_id: review.id })
      .orderBy('id')
      .pluck('action');
    expect(events).to.deep.equal(['submitted', 'approved']);
    const outbox = await app
      .db('outbox')
      .where({ topic: 'reviews.decided' })
      .whereRaw(`(payload->>'reviewId')::int = ?`, [review.id]);
    expect(outbox).to.have.length(1);

    const twice = await inject({
      method: 'POST',
      url: `/api/v1/admin/reviews/${review.id}/decision`,
      headers: bearer(await staffToken('main.admin')),
      payload: { decision: 'reject', comment: 'x' },
    });
    expect(twice.statusCode).to.equal(409);
    expect(json(twice).code).to.equal('ALREADY_DECIDED');
  });

  it('requires a comment to reject; a rejected employer resubmits by saving the profile again', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    await submitProfile(reg.token);
    const review = await mainReviewOf(reg.employerId);
    const token = await staffToken('main.admin');
    const bare = await inject({
      method: 'POST',
      url: `/api/v1/admin/reviews/${review.id}/decision`,
      headers: bearer(token),
      payload: { decision: 'reject' },
    });
    expect(bare.statusCode).to.equal(400);
    expect(json(bare)).to.deep.include({
      code: 'VALIDATION',
      details: [{ path: 'comment', message: '驳回时必须填写审核意见' }],
    });
    const rejected = await inject({
      method: 'POST',
      url: `/api/v1/admin/reviews/${review.id}/decision`,
      headers: bearer(token),
      payload: { decision: 'reject', comment: '授权委托书未盖章' },
    });
    expect(rejected.statusCode).to.equal(200);
    const me = json<{ status: string; certification: { comment: string } }>(
      await inject({ url: '/api/v1/employer', headers: bearer(reg.token) }),
    );
    expect(me.status).to.equal('rejected');
    expect(me.certification.comment).to.equal('授权委托书未盖章');

    const file = json<{ id: string }>(await uploadFile(reg.token, PDF, '盖章版.pdf'));
    const resubmit = await inject({
      method: 'PUT',
      url: '/api/v1/employer',
      headers: bearer(reg.token),
      payload: { authorizationLetterFileId: file.id },
    });
    expect(json(resubmit)).to.deep.include({ status: 'pending', appliedForCertification: true });
    const history = json<{ history: { action: string; comment: string | null }[] }>(
      await inject({ url: `/api/v1/admin/reviews/${review.id}`, headers: bearer(token) }),
    ).history;
    expect(history.map((h) => h.action)).to.deep.equal(['submitted', 'rejected', 'resubmitted']);
    expect(history[1]!.comment).to.equal('授权委托书未盖章');
    expect((await app.db('reviews').where({ id: review.id }).first()).status).to.equal('pending');
  });

  it('cannot publish anywhere before certification: school-site staff never see or decide main reviews', async () => {
    const reg = await registerEmployer();
    await submitProfile(reg.token);
    const review = await mainReviewOf(reg.employerId);
    const nju = await staffToken('nju.admin');
    const list = await inject({ url: '/api/v1/admin/sites/main/reviews', headers: bearer(nju) });
    expect(list.statusCode).to.equal(403);
    expect(json(list).code).to.equal('FORBIDDEN');
    const get = await inject({ url: `/api/v1/admin/reviews/${review.id}`, headers: bearer(nju) });
    expect(get.statusCode).to.equal(403);
    const decide = await inject({
      method: 'POST',
      url: `/api/v1/admin/reviews/${review.id}/decision`,
      headers: bearer(nju),
      payload: { decision: 'approve' },
    });
    expect(decide.statusCode).to.equal(403);
    const employer = await inject({ url: `/api/v1/admin/employers/${reg.employerId}`, headers: bearer(nju) });
    expect(employer.statusCode).to.equal(403);
    expect((await mainReviewOf(reg.employerId)).status).to.equal('pending');
  });

  it('holds a failing USCC until province staff record an override with a reason', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer({ uscc: withWrongCheckChar(nextUscc()), usccManualReview: true });
    await submitProfile(reg.token);
    const review = await mainReviewOf(reg.employerId);
    const main = await staffToken('main.admin');
    const early = await inject({
      method: 'POST',
      url: `/api/v1/admin/reviews/${review.id}/decision`,
      headers: bearer(main),
      payload: { decision: 'approve' },
    });
    expect(early.statusCode).to.equal(409);
    expect(json(early).code).to.equal('USCC_NOT_VERIFIED');
    expect((await app.db('reviews').where({ id: review.id }).first()).status).to.equal('pending');

    const bySchool = await inject({
      method: 'POST',
      url: `/api/v1/admin/employers/${reg.employerId}/uscc-override`,
      headers: bearer(await staffToken('seu.admin')),
      payload: { reason: '已核对营业执照原件' },
    });
    expect(bySchool.statusCode).to.equal(403);
    const override = await inject({
      method: 'POST',
      url: `/api/v1/admin/employers/${reg.employerId}/uscc-override`,
      headers: bearer(main),
      payload: { reason: '已核对营业执照原件，早期代码' },
    });
    expect(override.statusCode).to.equal(200);
    expect(json(override)).to.deep.include({ usccCheckPassed: false, usccVerifiedByStaff: true });
    expect(await app.db('employers').where({ id: reg.employerId }).first()).to.include({
      uscc_override_reason: '已核对营业执照原件，早期代码',
    });

    const ok = await inject({
      method: 'POST',
      url: `/api/v1/admin/reviews/${review.id}/decision`,
      headers: bearer(main),
      payload: { decision: 'approve' },
    });
    expect(ok.statusCode).to.equal(200);
    const actions = await app
      .db('review_events')
      .where({ review_id: review.id })
      .orderBy('id')
      .pluck('action');
    expect(actions).to.deep.equal(['submitted', 'uscc_override', 'approved']);
  });

  it('refuses an override for a USCC that passes its check', async () => {
    const reg = await registerEmployer();
    const res = await inject({
      method: 'POST',
      url: `/api/v1/admin/employers/${reg.employerId}/uscc-override`,
      headers: bearer(await staffToken('main.admin')),
      payload: { reason: '无需核验的代码' },
    });
    expect(res.statusCode).to.equal(409);
    expect(json(res).code).to.equal('USCC_OVERRIDE_NOT_NEEDED');
  });

  it('keeps the review history append-only in the database', async () => {
    const { app } = await getDeployment();
    const event = await app.db('review_events').first('id');
    let refused = false;
    await app
      .db('review_events')
      .where({ id: event.id })
      .update({ comment: 'changed' })
      .catch(() => (refused = true));
    expect(refused).to.equal(true);
  });
});
