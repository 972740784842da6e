import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { bearer, memberOf, type Registered } from '../helpers/employers.js';
import { get as getPage, Jar } from '../helpers/pages.js';
import { pdfText } from '../helpers/pdf-text.js';
import { applySession, createRoom, dayAhead } from '../helpers/presentations.js';

// 参会凭证: the PDF of an approved session with a QR code of its certificate's verify URL, and what that URL says.

const certificate = (token: string, id: number) =>
  inject({ url: `/api/v1/employer/presentations/${id}/certificate`, headers: bearer(token) });

async function certificateRows(id: number) {
  const { app } = await getDeployment();
  return app.db('certificates').where({ kind: 'presentation', subject_id: id });
}

describe('GET /api/v1/employer/presentations/{id}/certificate', () => {
  let member: Registered;
  let room: { id: number; name: string };
  before(async function () {
    this.timeout(60_000);
    member = await memberOf(['nju']);
    room = await createRoom('nju', {
      name: `凭证厅 ${Math.random().toString(36).slice(2, 8)}`,
      building: '仙林校区 逸夫楼',
      capacity: 200,
    });
  });

  it('answers a one-page Chinese PDF with the session’s facts and a QR code of its verify URL', async () => {
    const id = await applySession(member, room.id, await dayAhead(4), {
      approve: true,
      title: '2027 届校园招聘宣讲会',
    });
    const res = await certificate(member.token, id);
    expect(res.statusCode, res.payload).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(String(res.headers['content-disposition'])).to.match(/^attachment; filename=.*filename\*=UTF-8''/);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).to.have.length(1);

    const rows = await certificateRows(id);
    expect(rows).to.have.length(1);
    const { app } = await getDeployment();
    expect(rows[0].site_id).to.equal(app.sites.get('nju')!.id);
    const verifyUrl = app.sites.urlOf(app.sites.get('nju')!, `/api/v1/public/certificates/${rows[0].code}`);
    expect(pdf.toString('latin1')).to.include(`/URI (${verifyUrl})`);
    const text = pdfText(pdf);
    for (const line of [
      '宣讲会参会凭证',
      member.name,
      '南京大学',
      '2027 届校园招聘宣讲会',
      `仙林校区 逸夫楼 ${room.name}`,
    ])
      expect(text, line).to.include(line);
    expect(text.join('')).to.include('王五 13812345678');
    expect(text.join('')).to.include(verifyUrl);
    expect(text.join('')).to.match(/\d{4}年\d{1,2}月\d{1,2}日（周.）14:00–16:00/);

    // The session now carries its verifyUrl; a second download keeps the same code.
    const got = json<{ verifyUrl?: string }>(
      await inject({ url: `/api/v1/employer/presentations/${id}`, headers: bearer(member.token) }),
    );
    expect(got.verifyUrl).to.equal(verifyUrl);
    expect((await certificate(member.token, id)).statusCode).to.equal(200);
    expect(await certificateRows(id)).to.have.length(1);
  });

  it('refuses a pending session with 409 NOT_APPROVED and issues no code', async () => {
    const id = await applySession(member, room.id, await dayAhead(5), {
      approve: false,
      title: '2027 届校园招聘宣讲会',
    });
    const res = await certificate(member.token, id);
    expect(res.statusCode).to.equal(409);
    expect(json(res)).to.deep.include({ code: 'NOT_APPROVED', message: '宣讲会审核通过后才能下载参会凭证' });
    expect(await certificateRows(id)).to.have.length(0);
    const got = json<Record<string, unknown>>(
      await inject({ url: `/api/v1/employer/presentations/${id}`, headers: bearer(member.token) }),
    );
    expect(got).to.not.have.property('verifyUrl');
  });

  it('answers 404 to another employer, even for an approved session', async () => {
    const id = await applySession(member, room.id, await dayAhead(6), {
      approve: true,
      title: '2027 届校园招聘宣讲会',
    });
    const stranger = await memberOf(['nju']);
    const res = await certificate(stranger.token, id);
    expect(res.statusCode).to.equal(404);
    expect(res.headers['content-type']).to.match(/json/);
    expect(await certificateRows(id)).to.have.length(0);
  });

  it('verifies through the public endpoint while approved, and says not valid once cancelled', async () => {
    const id = await applySession(member, room.id, await dayAhead(7), {
      approve: true,
      title: '2027 届校园招聘宣讲会',
    });
    expect((await certificate(member.token, id)).statusCode).to.equal(200);
    const [row] = await certificateRows(id);
    const verify = await inject(`/api/v1/public/certificates/${row.code}`);
    expect(verify.statusCode).to.equal(200);
    const body = json<Record<string, unknown>>(verify);
    expect(body).to.deep.include({
      kind: 'presentation',
      employer: member.name,
      site: '南京大学',
      title: '2027 届校园招聘宣讲会',
      mode: '线下宣讲会',
      room: `仙林校区 逸夫楼 ${room.name}`,
      liveUrl: null,
      contacts: '王五 13812345678',
      status: 'approved',
    });
    expect(Object.keys(body).sort()).to.deep.equal(
      [
        'contacts',
        'employer',
        'endsAt',
        'kind',
        'liveUrl',
        'mode',
        'room',
        'site',
        'startsAt',
        'status',
        'title',
      ].sort(),
    );
    const page = await inject({
      url: `/certificates/${row.code}`,
      headers: { host: 'nju.localhost', accept: 'text/html' },
    });
    expect(page.payload).to.include('宣讲会参会凭证核验');
    expect(page.payload).to.include('有效 · 宣讲会已通过审核');

    const cancel = await inject({
      method: 'POST',
      url: `/api/v1/employer/presentations/${id}/cancel`,
      headers: bearer(member.token),
      payload: {},
    });
    expect(cancel.statusCode).to.equal(200);
    expect(json(await inject(`/api/v1/public/certificates/${row.code}`))).to.deep.include({
      status: 'cancelled',
    });
    const after = await inject({
      url: `/certificates/${row.code}`,
      headers: { host: 'nju.localhost', accept: 'text/html' },
    });
    expect(after.statusCode).to.equal(200);
    expect(after.payload).to.include('无效 · 宣讲会已取消，凭证已失效');
    expect(after.payload).to.not.include('有效 · 宣讲会已通过审核');
    const again = await certificate(member.token, id);
    expect(again.statusCode).to.equal(409);
    expect(json(again).code).to.equal('NOT_APPROVED');
  });
});

describe('employer pages: 下载参会凭证', () => {
  it('links approved sessions in 宣讲会管理 and the detail page to the PDF; pending ones have no link', async () => {
    const e = await memberOf(['nju']);
    const { app } = await getDeployment();
    const jar = new Jar();
    const account = (await app.services.accounts!.byId(e.accountId))!;
    jar.cookies.set('xz_employer', app.principals.sign(app.services.accounts!.payload(account)));
    const room = await createRoom('nju', {
      name: `凭证厅 ${Math.random().toString(36).slice(2, 8)}`,
      building: '仙林校区 逸夫楼',
      capacity: 200,
    });
    const approved = await applySession(e, room.id, await dayAhead(8), {
      approve: true,
      title: '2027 届校园招聘宣讲会',
    });
    const pending = await applySession(e, room.id, await dayAhead(9), {
      approve: false,
      title: '2027 届校园招聘宣讲会',
    });

    const list = await getPage('/s/nju/employer/presentations', jar);
    expect(list.statusCode).to.equal(200);
    expect(list.payload).to.include(`href="/s/nju/employer/presentations/${approved}/certificate"`);
    expect(list.payload).to.not.include(`/employer/presentations/${pending}/certificate`);
    expect(list.payload).to.include('下载参会凭证');
    const detail = await getPage(`/s/nju/employer/presentations/${approved}`, jar);
    expect(detail.payload).to.include(`href="/s/nju/employer/presentations/${approved}/certificate"`);
    const pendingDetail = await getPage(`/s/nju/employer/presentations/${pending}`, jar);
    expect(pendingDetail.payload).to.not.include('下载参会凭证');

    const pdf = await getPage(`/s/nju/employer/presentations/${approved}/certificate`, jar);
    expect(pdf.statusCode).to.equal(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    const refused = await getPage(`/s/nju/employer/presentations/${pending}/certificate`, jar);
    expect(refused.statusCode).to.equal(409);
    expect(refused.payload).to.include('宣讲会审核通过后才能下载参会凭证');
    const other = new Jar();
    const stranger = await memberOf(['nju']);
    const theirs = (await app.services.accounts!.byId(stranger.accountId))!;
    other.cookies.set('xz_employer', app.principals.sign(app.services.accounts!.payload(theirs)));
    expect(
      (await getPage(`/s/nju/employer/presentations/${approved}/certificate`, other)).statusCode,
    ).to.equal(404);
  });
});
