import { expect } from 'chai';
import { service } from '../../core/app.js';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { bearer, PDF, registerEmployer, uploadFile, type Registered } from '../helpers/employers.js';
import { csrfField, get, Jar, submit } from '../helpers/pages.js';
import {
  daysFromToday,
  nextIdNumber,
  pendingAuthorizationReview,
  withWrongIdCheck,
} from '../helpers/signing.js';

// 签约中心 › 签约授权 of the employer centre (main site) and the province's decision page with its validity field.

const PAGE = '/employer/signing/authorization';

async function jarFor(reg: Registered): Promise<Jar> {
  const { app } = await getDeployment();
  const accounts = service(app, 'accounts');
  const row = (await accounts.byId(reg.accountId))!;
  const jar = new Jar();
  jar.cookies.set('xz_employer', app.principals.sign(accounts.payload(row)));
  return jar;
}

async function staffJar(username: string): Promise<Jar> {
  const { app } = await getDeployment();
  const { payload } = await service(app, 'staff').login(username, 'xiaozhao-demo', '127.0.0.1');
  const jar = new Jar();
  jar.cookies.set('xz_staff', app.principals.sign(payload));
  return jar;
}

/** The form as a browser sends it: multipart, the letter part empty unless a file is chosen. */
async function post(jar: Jar, fields: Record<string, string>, letter?: { name: string; data: Buffer }) {
  const form = await get(PAGE, jar);
  const boundary = `----xz${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ xz_csrf: csrfField(form.payload), ...fields }))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="letter"; filename="${letter?.name ?? ''}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    letter?.data ?? Buffer.alloc(0),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return jar.take(
    await inject({
      method: 'POST',
      url: PAGE,
      payload: Buffer.concat(parts),
      headers: {
        cookie: jar.header(),
        accept: 'text/html',
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    }),
  );
}

/** Every field error shown next to its field, by field id. */
function fieldErrors(html: string): Record<string, string> {
  return Object.fromEntries(
    [...html.matchAll(/<p class="xz-error" id="xz-f-([A-Za-z.-]+)-error">([^<]*)<\/p>/g)].map((m) => [
      m[1],
      m[2],
    ]),
  );
}

const rows = async (employerId: number) =>
  (await getDeployment()).app.db('signing_authorizations').where({ employer_id: employerId }).orderBy('id');

describe('签约授权 pages', () => {
  afterEach(async () => (await getDeployment()).app.clock.set(null));

  it('shows 未申请 with the e-sign letter form, and every field error at once with the typed values kept', async () => {
    const reg = await registerEmployer();
    const jar = await jarFor(reg);
    const page = await get(PAGE, jar);
    expect(page.statusCode).to.equal(200);
    expect(page.payload).to.include('data-authorization-status="none"');
    expect(page.payload).to.include('尚未申请签约授权');
    expect(page.payload).to.include('/employer/letters/registration-esign');
    expect(page.payload).to.include('单位注册和网上签约授权委托书');

    const res = await post(jar, {
      agentName: '王经办',
      agentIdNumber: withWrongIdCheck(nextIdNumber()),
      agentPhone: '123',
      validUntil: '2020-01-01',
    });
    expect(res.statusCode).to.equal(400);
    const errors = fieldErrors(res.payload);
    expect(Object.keys(errors)).to.have.members(['letter', 'agentIdNumber', 'agentPhone', 'validUntil']);
    expect(errors.agentIdNumber).to.include('身份证号校验不通过');
    expect(res.payload).to.match(/name="agentName" type="text" value="王经办"/);
    expect(res.payload).to.include('value="123"');
    expect(await rows(reg.employerId)).to.have.length(0);
  });

  it('submits with the letter, shows 审核中, and after the province approves offers renewal near the end', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    const jar = await jarFor(reg);
    const id = nextIdNumber();
    const until = await daysFromToday(20);
    const res = await post(
      jar,
      { agentName: '王经办', agentIdNumber: id, agentPhone: '13912345678', validUntil: until },
      { name: '网签授权委托书.pdf', data: PDF },
    );
    expect(res.statusCode, res.payload.slice(0, 500)).to.equal(303);
    expect(res.headers.location).to.include(`${PAGE}?done=submitted`);
    const [row] = await rows(reg.employerId);
    expect(row).to.include({ status: 'pending', agent_id_number: id });
    const file = await app.db('files').where({ id: row.letter_file_id }).first();
    expect(file.employer_id).to.equal(reg.employerId);

    const pending = await get(`${PAGE}?done=submitted`, jar);
    expect(pending.payload).to.include('data-authorization-status="pending"');
    expect(pending.payload).to.include(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    expect(pending.payload).to.not.include(id);
    expect(pending.payload).to.not.include('enctype="multipart/form-data"');

    // The province's decision page: the agent, the letter to open, the validity prefilled with the date asked for.
    const review = await pendingAuthorizationReview(reg.employerId);
    const staff = await staffJar('main.admin');
    const decision = await get(`/admin/reviews/${review.id}`, staff);
    expect(decision.statusCode).to.equal(200);
    expect(decision.payload).to.include('王经办');
    expect(decision.payload).to.include(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    expect(decision.payload).to.not.include(id);
    expect(decision.payload).to.include(`/admin/files/${row.letter_file_id}`);
    expect(decision.payload).to.match(new RegExp(`name="input.validUntil" value="${until}"`));
    const letter = await get(`/admin/files/${row.letter_file_id}`, staff);
    expect(letter.statusCode).to.equal(200);

    // A validity in the past comes back on its field, the typed value kept; then approval.
    const bad = await submit(
      `/admin/reviews/${review.id}`,
      `/admin/reviews/${review.id}/decision`,
      { decision: 'approve', 'input.validUntil': '2020-01-01', comment: '' },
      staff,
    );
    expect(bad.statusCode).to.equal(400);
    expect(fieldErrors(bad.payload)['input-validUntil']).to.include('有效期须晚于今天');
    expect(bad.payload).to.include('value="2020-01-01"');
    expect((await rows(reg.employerId))[0].status).to.equal('pending');
    const ok = await submit(
      `/admin/reviews/${review.id}`,
      `/admin/reviews/${review.id}/decision`,
      { decision: 'approve', 'input.validUntil': until, comment: '' },
      staff,
    );
    expect(ok.statusCode).to.equal(303);

    const approved = await get(PAGE, jar);
    expect(approved.payload).to.include('data-authorization-status="approved"');
    expect(approved.payload).to.include(`${app.clock.today()} 至 ${until}`);
    expect(approved.payload).to.include('data-expires-soon');
    expect(approved.payload).to.include('申请续期');
    const home = await get('/employer', jar);
    expect(home.payload).to.include('data-signing-card');
    expect(home.payload).to.include('即将到期');
  });

  it('reuses the letter uploaded at registration with 是否同步开启网签', async () => {
    const { app } = await getDeployment();
    const reg = await registerEmployer();
    const letter = json<{ id: string }>(await uploadFile(reg.token, PDF, '单位注册和网上签约授权委托书.pdf'));
    await app
      .db('employers')
      .where({ id: reg.employerId })
      .update({ e_sign_enabled: true, authorization_letter_file_id: letter.id });
    const jar = await jarFor(reg);
    const page = await get(PAGE, jar);
    expect(page.payload).to.include('沿用注册时上传的');
    const res = await post(jar, {
      letterSource: 'registration',
      agentName: '赵经办',
      agentIdNumber: nextIdNumber(),
      agentPhone: '13812345678',
      validUntil: await daysFromToday(365),
    });
    expect(res.statusCode, res.payload.slice(0, 300)).to.equal(303);
    const [row] = await rows(reg.employerId);
    expect(row.letter_file_id).to.equal(letter.id);
    const again = await inject({
      url: '/api/v1/employer/signing-authorization',
      headers: bearer(reg.token),
    });
    expect(json(again)).to.include({ status: 'pending' });
  });

  it('is not shown to another employer’s session, nor to visitors', async () => {
    const reg = await registerEmployer();
    const id = nextIdNumber();
    await post(
      await jarFor(reg),
      {
        agentName: '王经办',
        agentIdNumber: id,
        agentPhone: '13912345678',
        validUntil: await daysFromToday(90),
      },
      { name: 'a.pdf', data: PDF },
    );
    const other = await registerEmployer();
    const page = await get(PAGE, await jarFor(other));
    expect(page.payload).to.include('data-authorization-status="none"');
    expect(page.payload).to.not.include(id.slice(-4) + '</');
    const visitor = await get(PAGE, new Jar());
    expect(visitor.statusCode).to.be.oneOf([302, 303]);
  });
});
