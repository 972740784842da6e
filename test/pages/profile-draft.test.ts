import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { bearer, COMPLETE_PROFILE, PDF, registerEmployer, type Registered } from '../helpers/employers.js';
import { csrfField, get, Jar } from '../helpers/pages.js';

// 单位信息: 保存草稿 saves any subset of fields (checking only the formats of those filled) and never applies for
// certification; 提交认证 requires the whole profile and names every missing field at once, the typed values kept.

async function jarFor(reg: Registered): Promise<Jar> {
  const { app } = await getDeployment();
  const row = (await app.services.accounts!.byId(reg.accountId))!;
  const jar = new Jar();
  jar.cookies.set('xz_employer', app.principals.sign(app.services.accounts!.payload(row)));
  return jar;
}

/** The profile form as a browser sends it: multipart, the letter field empty unless a file is chosen. */
async function post(jar: Jar, fields: Record<string, string>, letter?: { name: string; data: Buffer }) {
  const form = await get('/s/nju/employer/profile', jar);
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
      url: '/s/nju/employer/profile',
      payload: Buffer.concat(parts),
      headers: {
        cookie: jar.header(),
        accept: 'text/html',
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    }),
  );
}

async function stored(reg: Registered) {
  const { app } = await getDeployment();
  return app.db('employers').where({ id: reg.employerId }).first();
}

async function mainMembership(reg: Registered) {
  const { app } = await getDeployment();
  return app.db('memberships').where({ employer_id: reg.employerId, site_id: app.sites.main().id }).first();
}

/** Every field error shown next to its field, by field id. */
function fieldErrors(html: string): Record<string, string> {
  return Object.fromEntries(
    [...html.matchAll(/<p class="xz-error" id="xz-f-([A-Za-z]+)-error">([^<]*)<\/p>/g)].map((m) => [
      m[1],
      m[2],
    ]),
  );
}

describe('POST /employer/profile: 保存草稿 and 提交认证', () => {
  it('offers 提交认证 and a 保存草稿 that the browser sends without checking required fields', async () => {
    const reg = await registerEmployer();
    const res = await get('/s/nju/employer/profile', await jarFor(reg));
    expect(res.statusCode).to.equal(200);
    expect(res.payload).to.include('name="intent" value="apply">提交认证</button>');
    expect(res.payload).to.include('name="intent" value="draft" formnovalidate>保存草稿</button>');
  });

  it('saves a draft of one field and applies for nothing', async () => {
    const reg = await registerEmployer();
    const jar = await jarFor(reg);
    const res = await post(jar, { industry: '人工智能', intent: 'draft' });
    expect(res.statusCode, res.payload).to.equal(303);
    expect(res.headers.location).to.equal('/s/nju/employer/profile?done=draft');
    expect(await stored(reg)).to.include({ industry: '人工智能', nature: null, profile_submitted_at: null });
    expect(await mainMembership(reg)).to.equal(undefined);
    const page = await get(String(res.headers.location), jar);
    expect(page.payload).to.include('草稿已保存');
    expect(page.payload).to.include('value="人工智能"');
  });

  it('checks only the formats of the fields a draft fills, all at once, and keeps what was typed', async () => {
    const reg = await registerEmployer();
    const res = await post(await jarFor(reg), {
      industry: '软件',
      regionCode: '3201',
      contactEmail: 'not-an-email',
      intent: 'draft',
    });
    expect(res.statusCode).to.equal(400);
    const errors = fieldErrors(res.payload);
    expect(Object.keys(errors).sort()).to.deep.equal(['contactEmail', 'regionCode']);
    expect(errors.regionCode).to.equal('请填写6位行政区划代码');
    expect(res.payload).to.include('value="软件"');
    expect(res.payload).to.include('value="not-an-email"');
    expect(await stored(reg)).to.include({ industry: null, region_code: null });
  });

  it('does not apply when a complete profile is saved as a draft', async () => {
    const reg = await registerEmployer();
    const res = await post(
      await jarFor(reg),
      { ...COMPLETE_PROFILE, intent: 'draft' },
      { name: '授权委托书.pdf', data: PDF },
    );
    expect(res.statusCode, res.payload).to.equal(303);
    expect(res.headers.location).to.equal('/s/nju/employer/profile?done=draft');
    expect((await stored(reg)).authorization_letter_file_id).to.be.a('string');
    expect(await mainMembership(reg)).to.equal(undefined);
  });

  it('names every missing field at once on 提交认证, with the format errors, and saves nothing', async () => {
    const reg = await registerEmployer();
    const jar = await jarFor(reg);
    const res = await post(jar, {
      industry: '信息技术',
      address: '南京市鼓楼区汉口路 22 号',
      regionCode: '32',
      intent: 'apply',
    });
    expect(res.statusCode).to.equal(400);
    expect(fieldErrors(res.payload)).to.deep.equal({
      nature: '请选择单位性质',
      scale: '请选择单位规模',
      regionCode: '请填写6位行政区划代码',
      intro: '请填写单位简介',
      letter: '请上传授权委托书',
    });
    expect(res.payload).to.include('value="南京市鼓楼区汉口路 22 号"');
    expect(await stored(reg)).to.include({ industry: null, address: null });
    expect(await mainMembership(reg)).to.equal(undefined);
  });

  it('completes a draft with 提交认证: the stored fields count, and the application goes to main', async () => {
    const reg = await registerEmployer();
    const jar = await jarFor(reg);
    const { intro, address, ...rest } = COMPLETE_PROFILE;
    expect((await post(jar, { ...rest, intent: 'draft' })).statusCode).to.equal(303);
    const missing = await post(jar, { intro, intent: 'apply' });
    expect(fieldErrors(missing.payload)).to.deep.equal({
      address: '请填写详细地址',
      letter: '请上传授权委托书',
    });
    expect(missing.payload).to.include(`>${intro}</textarea>`);
    const res = await post(jar, { intro, address, intent: 'apply' }, { name: '授权委托书.pdf', data: PDF });
    expect(res.statusCode, res.payload).to.equal(303);
    expect(res.headers.location).to.equal('/s/nju/employer/sites?tab=unjoined&done=certification-applied');
    expect(await mainMembership(reg)).to.include({ status: 'pending' });
  });
});

describe('PUT /api/v1/employer with apply', () => {
  it('answers 422 PROFILE_INCOMPLETE naming every missing field for apply: true, and saves nothing', async () => {
    const reg = await registerEmployer();
    const res = await inject({
      method: 'PUT',
      url: '/api/v1/employer',
      headers: bearer(reg.token),
      payload: { industry: '信息技术', apply: true },
    });
    expect(res.statusCode).to.equal(422);
    const body = json<{ code: string; details: { path: string }[] }>(res);
    expect(body.code).to.equal('PROFILE_INCOMPLETE');
    expect(body.details.map((d) => d.path).sort()).to.deep.equal(
      ['address', 'authorizationLetterFileId', 'intro', 'nature', 'regionCode', 'scale'].sort(),
    );
    expect(await stored(reg)).to.include({ industry: null });
  });

  it('saves without applying for apply: false', async () => {
    const reg = await registerEmployer();
    const res = await inject({
      method: 'PUT',
      url: '/api/v1/employer',
      headers: bearer(reg.token),
      payload: { nature: '民营企业', apply: false },
    });
    expect(res.statusCode, res.payload).to.equal(200);
    expect(json(res)).to.include({ appliedForCertification: false, nature: '民营企业' });
  });
});
