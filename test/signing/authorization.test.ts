import { expect } from 'chai';
import { service } from '../../core/app.js';
import { runSeeders } from '../../core/seed.js';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import {
  bearer,
  nextPhone,
  PDF,
  registerEmployer,
  smsCode,
  uploadFile,
  waitFor,
  type Registered,
} from '../helpers/employers.js';
import {
  authorizationRequest,
  daysFromToday,
  decideAuthorization,
  nextIdNumber,
  pendingAuthorizationReview,
  submitAuthorization,
  withWrongIdCheck,
} from '../helpers/signing.js';

interface StateJson {
  status: string;
  validFrom: string | null;
  validUntil: string | null;
  comment: string | null;
  expiresSoon: boolean;
  canApply: boolean;
  pending: { id: number; agentIdNumberMasked: string; requestedValidUntil: string } | null;
}
interface ErrorJson {
  code: string;
  message: string;
  details?: { path: string; message: string }[];
}

const state = async (token: string) => {
  const res = await inject({ url: '/api/v1/employer/signing-authorization', headers: bearer(token) });
  expect(res.statusCode, res.payload).to.equal(200);
  return json<StateJson>(res);
};

/** The one guard every signing action calls: null when authorised, else its refusal. */
async function guard(employerId: number): Promise<{ status: number; code: string; message: string } | null> {
  const { app } = await getDeployment();
  try {
    await service(app, 'signingAuthorizations').requireAuthorized(employerId);
    return null;
  } catch (err) {
    const e = err as { output: { statusCode: number }; data: { code: string }; message: string };
    return { status: e.output.statusCode, code: e.data.code, message: e.message };
  }
}

async function rows(employerId: number) {
  const { app } = await getDeployment();
  return app
    .db('signing_authorizations')
    .where({ employer_id: employerId })
    .orderBy('id')
    .select(
      '*',
      app.db.raw('valid_from::text AS valid_from'),
      app.db.raw('valid_until::text AS valid_until'),
    );
}

describe('signing authorisation (签约授权)', () => {
  let reg: Registered;
  beforeEach(async () => {
    reg = await registerEmployer();
  });
  afterEach(async () => {
    (await getDeployment()).app.clock.set(null);
  });

  it('starts at none, and the guard says no request was made', async () => {
    const s = await state(reg.token);
    expect(s).to.include({
      status: 'none',
      validFrom: null,
      validUntil: null,
      comment: null,
      canApply: true,
    });
    const refused = await guard(reg.employerId);
    expect(refused).to.include({ status: 403, code: 'SIGNING_NOT_AUTHORIZED' });
    expect(refused!.message).to.include('尚未申请签约授权');
  });

  it('submit → province staff approve with a validity → approved from the decision date, with a message', async () => {
    const { app } = await getDeployment();
    const body = await authorizationRequest(reg.token);
    const res = await submitAuthorization(reg.token, body);
    expect(res.statusCode, res.payload).to.equal(201);
    expect(json(res)).to.include({ status: 'pending' });
    const pending = await state(reg.token);
    expect(pending.status).to.equal('pending');
    expect(pending.pending!.agentIdNumberMasked).to.equal(
      `${body.agentIdNumber.slice(0, 4)}**********${body.agentIdNumber.slice(-4)}`,
    );
    expect((await guard(reg.employerId))!.message).to.include('签约授权正在审核中');

    const review = await pendingAuthorizationReview(reg.employerId);
    const [row] = await rows(reg.employerId);
    expect(row).to.include({ status: 'pending', agent_name: '王经办', agent_id_number: body.agentIdNumber });
    expect(review.subject_id).to.equal(row.id);
    const reviewRow = await app.db('reviews').where({ id: review.id }).first();
    expect(reviewRow.site_id).to.equal(app.sites.main().id);

    // What staff read: the agent (ID masked), the validity asked for, the letter to open.
    const mainToken = await staffToken('main.admin');
    const detail = json<{ details: { facts: { label: string; value: string }[]; files: { id: string }[] } }>(
      await inject({ url: `/api/v1/admin/reviews/${review.id}`, headers: bearer(mainToken) }),
    );
    const facts = Object.fromEntries(detail.details.facts.map((f) => [f.label, f.value]));
    expect(facts).to.include({
      经办人姓名: '王经办',
      经办人身份证号: `${body.agentIdNumber.slice(0, 4)}**********${body.agentIdNumber.slice(-4)}`,
      经办人手机: '13912345678',
      申请有效期至: body.validUntil,
    });
    expect(JSON.stringify(detail)).to.not.include(body.agentIdNumber);
    expect(detail.details.files[0]!.id).to.equal(body.letterFileId);
    const letter = await inject({ url: `/api/v1/files/${body.letterFileId}`, headers: bearer(mainToken) });
    expect(letter.statusCode).to.equal(200);

    const until = await daysFromToday(200);
    const decided = await decideAuthorization(reg.employerId, 'approve', { input: { validUntil: until } });
    expect(decided.statusCode, decided.payload).to.equal(200);
    const s = await state(reg.token);
    expect(s).to.include({
      status: 'approved',
      validFrom: app.clock.today(),
      validUntil: until,
      canApply: true,
    });
    expect(await guard(reg.employerId)).to.equal(null);
    const [approved] = await rows(reg.employerId);
    expect(approved).to.include({ status: 'approved', valid_from: app.clock.today(), valid_until: until });
    expect(approved.decided_by).to.be.a('number');
    const message = await waitFor('the decision message', () =>
      app
        .db('messages')
        .where({ employer_id: reg.employerId, subject_type: 'signing_authorization' })
        .first(),
    );
    expect(message.title).to.include('签约授权已通过审核');
    expect(message.body).to.include(`${app.clock.today()} 至 ${until}`);
    expect(message.link).to.equal('/employer/signing/authorization');
  });

  it('approves until the requested date when staff leave the validity out', async () => {
    const body = await authorizationRequest(reg.token, { validUntil: await daysFromToday(90) });
    expect((await submitAuthorization(reg.token, body)).statusCode).to.equal(201);
    expect((await decideAuthorization(reg.employerId, 'approve')).statusCode).to.equal(200);
    const s = await state(reg.token);
    expect(s).to.include({ status: 'approved', validUntil: body.validUntil });
  });

  it('rejects with a comment: the state and the guard say it, and a new request may follow', async () => {
    const { app } = await getDeployment();
    await submitAuthorization(reg.token, await authorizationRequest(reg.token));
    const noComment = await decideAuthorization(reg.employerId, 'reject');
    expect(noComment.statusCode).to.equal(400);
    const res = await decideAuthorization(reg.employerId, 'reject', { comment: '授权委托书未加盖公章' });
    expect(res.statusCode, res.payload).to.equal(200);
    const s = await state(reg.token);
    expect(s).to.include({ status: 'rejected', comment: '授权委托书未加盖公章', canApply: true });
    const refused = await guard(reg.employerId);
    expect(refused).to.include({ status: 403, code: 'SIGNING_NOT_AUTHORIZED' });
    expect(refused!.message).to.include('签约授权未通过：授权委托书未加盖公章');
    const [row] = await rows(reg.employerId);
    expect(row).to.include({ status: 'rejected', comment: '授权委托书未加盖公章', valid_until: null });
    const message = await waitFor('the rejection message', () =>
      app
        .db('messages')
        .where({ employer_id: reg.employerId, subject_type: 'signing_authorization' })
        .first(),
    );
    expect(message.body).to.include('授权委托书未加盖公章');
    expect((await submitAuthorization(reg.token, await authorizationRequest(reg.token))).statusCode).to.equal(
      201,
    );
    expect((await state(reg.token)).status).to.equal('pending');
  });

  it('expires after its last day by the app clock: 403 saying on which date', async () => {
    const { app } = await getDeployment();
    await submitAuthorization(reg.token, await authorizationRequest(reg.token));
    const until = await daysFromToday(10);
    await decideAuthorization(reg.employerId, 'approve', { input: { validUntil: until } });
    const near = await state(reg.token);
    expect(near).to.include({ status: 'approved', expiresSoon: true });

    // The last day (Beijing time) is still within the validity.
    app.clock.set(new Date(`${until}T23:59:00+08:00`));
    expect(await guard(reg.employerId)).to.equal(null);
    app.clock.set(new Date(Date.parse(`${until}T00:00:00+08:00`) + 86_400_000));
    const s = await state(reg.token);
    expect(s).to.include({ status: 'expired', validUntil: until, canApply: true });
    const refused = await guard(reg.employerId);
    expect(refused).to.include({ status: 403, code: 'SIGNING_NOT_AUTHORIZED' });
    expect(refused!.message).to.include(`签约授权已于 ${until} 到期`);
  });

  it('renews: the approval stays in force while the renewal is reviewed, then the new validity applies', async () => {
    await submitAuthorization(reg.token, await authorizationRequest(reg.token));
    const first = await daysFromToday(20);
    await decideAuthorization(reg.employerId, 'approve', { input: { validUntil: first } });
    const renewal = await authorizationRequest(reg.token, { validUntil: await daysFromToday(400) });
    expect((await submitAuthorization(reg.token, renewal)).statusCode).to.equal(201);
    const during = await state(reg.token);
    expect(during).to.include({ status: 'approved', validUntil: first, canApply: false });
    expect(during.pending!.requestedValidUntil).to.equal(renewal.validUntil);
    expect(await guard(reg.employerId)).to.equal(null);
    const { app } = await getDeployment();
    const review = await app
      .db('reviews')
      .where({ id: (await pendingAuthorizationReview(reg.employerId)).id })
      .first();
    expect(review.summary).to.include('续期');

    // A rejected renewal leaves the approval in force.
    await decideAuthorization(reg.employerId, 'reject', { comment: '经办人信息有误' });
    expect(await state(reg.token)).to.include({ status: 'approved', validUntil: first });
    expect(await guard(reg.employerId)).to.equal(null);

    await submitAuthorization(reg.token, renewal);
    await decideAuthorization(reg.employerId, 'approve');
    expect(await state(reg.token)).to.include({ status: 'approved', validUntil: renewal.validUntil });
    expect((await rows(reg.employerId)).map((r) => r.status)).to.deep.equal([
      'approved',
      'rejected',
      'approved',
    ]);
  });

  it('checks the ID number (GB 11643), the phone and the date, all at once, in Chinese', async () => {
    const body = await authorizationRequest(reg.token, {
      agentIdNumber: withWrongIdCheck(nextIdNumber()),
      agentPhone: '12345',
      validUntil: '2020-01-01',
    });
    const res = await submitAuthorization(reg.token, body);
    expect(res.statusCode).to.equal(400);
    const err = json<ErrorJson>(res);
    expect(err.code).to.equal('VALIDATION');
    expect(err.details!.map((d) => d.path)).to.have.members(['agentIdNumber', 'agentPhone', 'validUntil']);
    expect(err.details!.find((d) => d.path === 'agentIdNumber')!.message).to.include('身份证号校验不通过');
    expect(err.message).to.match(/[\u4e00-\u9fff]/);

    const shape = await submitAuthorization(reg.token, {
      ...body,
      agentIdNumber: '32010219900101',
      agentPhone: '13912345678',
      validUntil: await daysFromToday(30),
    });
    expect(shape.statusCode).to.equal(400);
    expect(json<ErrorJson>(shape).details![0]).to.include({ path: 'agentIdNumber' });
    // A birth date that does not exist (19900230) fails even with the right check character.
    const first17 = '32010219900230123';
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
    const bad = await submitAuthorization(reg.token, {
      ...body,
      agentIdNumber: first17 + '10X98765432'[sum % 11],
      agentPhone: '13912345678',
      validUntil: await daysFromToday(30),
    });
    expect(bad.statusCode).to.equal(400);
    // A lower-case x is accepted and stored upper-case; the standard's own sample passes.
    const ok = await submitAuthorization(reg.token, {
      ...body,
      agentIdNumber: '11010519491231002x',
      agentPhone: '+86 139 1234 5678',
      validUntil: await daysFromToday(30),
    });
    expect(ok.statusCode, ok.payload).to.equal(201);
    const [row] = await rows(reg.employerId);
    expect(row).to.include({ agent_id_number: '11010519491231002X', agent_phone: '13912345678' });
  });

  it('refuses a validity beyond five years and a letter of another employer', async () => {
    const other = await registerEmployer();
    const theirs = json<{ id: string }>(await uploadFile(other.token, PDF));
    const res = await submitAuthorization(
      reg.token,
      await authorizationRequest(reg.token, {
        letterFileId: theirs.id,
        validUntil: await daysFromToday(6 * 366),
      }),
    );
    expect(res.statusCode).to.equal(400);
    expect(json<ErrorJson>(res).details!.map((d) => d.path)).to.have.members(['letterFileId', 'validUntil']);
    expect(await rows(reg.employerId)).to.have.length(0);
  });

  it('keeps one pending request per employer, also when submitted in parallel', async () => {
    const bodies = await Promise.all(Array.from({ length: 8 }, () => authorizationRequest(reg.token)));
    const results = await Promise.all(bodies.map((b) => submitAuthorization(reg.token, b)));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).to.have.length(1);
    expect(codes.filter((c) => c === 409)).to.have.length(7);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(json<ErrorJson>(r)).to.include({ code: 'ALREADY_PENDING' });
    expect(await rows(reg.employerId)).to.have.length(1);
    const { app } = await getDeployment();
    const reviews = await app
      .db('reviews')
      .where({ subject_type: 'signing_authorization', employer_id: reg.employerId });
    expect(reviews).to.have.length(1);
  });

  it('is decided by province staff only: a school’s staff cannot see or decide it', async () => {
    await submitAuthorization(reg.token, await authorizationRequest(reg.token));
    const review = await pendingAuthorizationReview(reg.employerId);
    const nju = await staffToken('nju.admin');
    const seen = await inject({ url: `/api/v1/admin/reviews/${review.id}`, headers: bearer(nju) });
    expect(seen.statusCode).to.equal(403);
    const res = await decideAuthorization(reg.employerId, 'approve', {}, 'nju.admin');
    expect(res.statusCode).to.equal(403);
    const [row] = await rows(reg.employerId);
    expect(row.status).to.equal('pending');
    expect((await state(reg.token)).status).to.equal('pending');
  });

  it('refuses a decision input the type does not take, and a validity that has passed', async () => {
    await submitAuthorization(reg.token, await authorizationRequest(reg.token));
    const unknown = await decideAuthorization(reg.employerId, 'approve', { input: { foo: 'x' } });
    expect(unknown.statusCode).to.equal(400);
    expect(json<ErrorJson>(unknown).details![0]).to.include({ path: 'input.foo' });
    const past = await decideAuthorization(reg.employerId, 'approve', {
      input: { validUntil: '2020-01-01' },
    });
    expect(past.statusCode).to.equal(400);
    expect(json<ErrorJson>(past).details![0]).to.include({ path: 'input.validUntil' });
    expect(json<ErrorJson>(past).message).to.include('授权有效期至');
    const bad = await decideAuthorization(reg.employerId, 'approve', { input: { validUntil: '2027-02-31' } });
    expect(bad.statusCode).to.equal(400);
    const [row] = await rows(reg.employerId);
    expect(row.status).to.equal('pending');
    const { app } = await getDeployment();
    const review = await app
      .db('reviews')
      .where({ subject_type: 'signing_authorization', employer_id: reg.employerId })
      .first();
    expect(review.status).to.equal('pending');
  });

  it('another employer cannot read it, nor its letter', async () => {
    const body = await authorizationRequest(reg.token);
    await submitAuthorization(reg.token, body);
    await decideAuthorization(reg.employerId, 'approve');
    const other = await registerEmployer();
    expect(await state(other.token)).to.include({ status: 'none', validUntil: null });
    const letter = await inject({ url: `/api/v1/files/${body.letterFileId}`, headers: bearer(other.token) });
    expect(letter.statusCode).to.equal(404);
    expect(await guard(other.employerId)).to.include({ code: 'SIGNING_NOT_AUTHORIZED' });
  });

  it('needs an employer sign-in', async () => {
    const anonymous = await inject({ url: '/api/v1/employer/signing-authorization' });
    expect(anonymous.statusCode).to.equal(401);
    const staff = await inject({
      url: '/api/v1/employer/signing-authorization',
      headers: bearer(await staffToken('main.admin')),
    });
    expect(staff.statusCode).to.be.oneOf([401, 403]);
  });

  it('needs the signing permission: a sub-account without it gets 403, one with it may submit', async () => {
    const tokenWith = async (permissions: string[]) => {
      const role = await inject({
        method: 'POST',
        url: '/api/v1/employer/roles',
        headers: bearer(reg.token),
        payload: { name: `角色${Math.random().toString(36).slice(2, 10)}`, permissions },
      });
      expect(role.statusCode, role.payload).to.equal(201);
      const phone = nextPhone();
      const account = await inject({
        method: 'POST',
        url: '/api/v1/employer/accounts',
        headers: bearer(reg.token),
        payload: { phone, name: '测试子账号', roleIds: [json<{ id: number }>(role).id] },
      });
      expect(account.statusCode, account.payload).to.equal(201);
      const code = await smsCode(phone, 'login');
      return json<{ token: string }>(
        await inject({ method: 'POST', url: '/api/v1/auth/sms-login', payload: { phone, code } }),
      ).token;
    };
    const jobsOnly = await tokenWith(['jobs']);
    const read = await inject({ url: '/api/v1/employer/signing-authorization', headers: bearer(jobsOnly) });
    expect(read.statusCode).to.equal(403);
    const body = await authorizationRequest(reg.token);
    expect((await submitAuthorization(jobsOnly, body)).statusCode).to.equal(403);
    expect(await rows(reg.employerId)).to.have.length(0);
    const signer = await tokenWith(['signing']);
    const ok = await submitAuthorization(signer, body);
    expect(ok.statusCode, ok.payload).to.equal(201);
    expect(await rows(reg.employerId)).to.have.length(1);
  });

  it('demo seed: employers 1–10 approved for a year, 11 pending; running it again changes nothing', async () => {
    const { app } = await getDeployment();
    const accounts = service(app, 'accounts');
    const authorizations = service(app, 'signingAuthorizations');
    const employerOf = async (n: number) =>
      (await accounts.byPhone(`139000000${String(n).padStart(2, '0')}`))!.employer_id;
    const count = async () => Number((await app.db('signing_authorizations').count('* as n'))[0]!.n);
    const before = await count();
    await runSeeders(app);
    expect(await count()).to.equal(before);
    for (let n = 1; n <= 10; n += 1) {
      const s = await authorizations.state(await employerOf(n));
      expect(s.status, `employer ${n}`).to.equal('approved');
      expect(s.daysLeft, `employer ${n}`).to.be.within(300, 366);
      expect(await guard(await employerOf(n))).to.equal(null);
    }
    const eleventh = await authorizations.state(await employerOf(11));
    expect(eleventh.status).to.equal('pending');
    expect((await guard(await employerOf(11)))!.message).to.include('正在审核中');
  });
});
