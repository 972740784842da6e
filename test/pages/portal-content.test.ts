// Portals with content: an announcement's attachments download from every site that shows it, with their own name
// and type, and from nowhere else; the main site lists what its schools approved unless main rejected its copy.
import { expect } from 'chai';
import type { ServerInjectResponse } from '@hapi/hapi';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import {
  approvePending,
  bearer,
  memberOf,
  PDF,
  PNG,
  uploadFile,
  type Registered,
} from '../helpers/employers.js';

type ReviewPolicy = { plugin: string };

/** Two schools whose staff review announcements by hand. */
async function manualSchools(): Promise<[string, string]> {
  const { app } = await getDeployment();
  const [a, b] = app.sites
    .schools()
    .filter((s) => (s.reviewPolicies.announcement as ReviewPolicy).plugin === 'review-policy-manual')
    .map((s) => s.slug);
  return [a!, b!];
}

/** A page as a browser on the site's own host asks for it. */
function page(url: string, slug: string): Promise<ServerInjectResponse> {
  const host = slug !== 'main' ? `${slug}.localhost:3000` : 'localhost:3000';
  return inject({ url, headers: { accept: 'text/html', host } });
}

const listed = (payload: string) =>
  [...payload.matchAll(/data-announcement-id="(\d+)"/g)].map((m) => Number(m[1]));

async function announce(reg: Registered, body: Record<string, unknown>): Promise<number> {
  const res = await inject({
    method: 'POST',
    url: '/api/v1/employer/announcements',
    headers: bearer(reg.token),
    payload: { body: '欢迎各专业应届毕业生关注本单位的校园招聘。', ...body },
  });
  expect(res.statusCode, res.payload).to.equal(201);
  return json<{ id: number }>(res).id;
}

async function attachment(reg: Registered, data: Buffer, name: string): Promise<string> {
  const res = await uploadFile(reg.token, data, name, 'attachment');
  expect(res.statusCode, res.payload).to.equal(201);
  return json<{ id: string }>(res).id;
}

async function decideOnMain(reg: Registered, announcementId: number, decision: 'approve' | 'reject') {
  const { app } = await getDeployment();
  const review = (await app
    .db('reviews as r')
    .join('announcement_publications as p', 'p.id', 'r.subject_id')
    .where({
      'r.subject_type': 'announcement',
      'r.status': 'pending',
      'p.announcement_id': announcementId,
      'p.site_id': app.sites.main().id,
    })
    .first('r.id')) as { id: number };
  const res = await inject({
    method: 'POST',
    url: `/api/v1/admin/reviews/${review.id}/decision`,
    headers: bearer(await staffToken('main.admin')),
    payload: { decision, comment: decision === 'reject' ? '请修改公告内容' : undefined },
  });
  expect(res.statusCode, res.payload).to.equal(200);
  void reg;
}

describe('announcement attachments', () => {
  let a = '';
  let b = '';
  let reg: Registered;
  let id = 0;
  let pdf = '';
  let png = '';
  const pdfName = `招聘简章（2027届）'${process.pid}.pdf`;

  before(async function () {
    this.timeout(60_000);
    [a, b] = await manualSchools();
    reg = await memberOf([a, b]);
    pdf = await attachment(reg, PDF, pdfName);
    png = await attachment(reg, PNG, '宣讲会海报.png');
    id = await announce(reg, {
      title: `附件下载测试${process.pid}`,
      attachments: [pdf, png],
      siteSlugs: [a, b],
    });
    await approvePending(a, (r) => r.subject_type === 'announcement' && r.employer_id === reg.employerId);
  });

  it('lists the attachments on the detail page with name, type and size, each a download link', async () => {
    const detail = await page(`/announcements/${id}`, a);
    expect(detail.statusCode).to.equal(200);
    expect(detail.payload).to.not.include('如需获取请与发布单位联系');
    expect(detail.payload).to.include(`href="/announcements/${id}/attachments/${pdf}"`);
    expect(detail.payload).to.include(`href="/announcements/${id}/attachments/${png}"`);
    expect(detail.payload).to.include('宣讲会海报.png');
    expect(detail.payload).to.include('（PNG，1 KB）');
    const api = json<{
      attachments: { id: string; name: string; size: number; mime: string; url: string }[];
    }>(await inject(`/api/v1/public/sites/${a}/announcements/${id}`));
    expect(api.attachments.map((f) => [f.name, f.size, f.mime])).to.deep.equal([
      [pdfName, PDF.length, 'application/pdf'],
      ['宣讲会海报.png', PNG.length, 'image/png'],
    ]);
    expect(api.attachments[0]!.url).to.match(new RegExp(`/announcements/${id}/attachments/${pdf}$`));
  });

  it('streams the file with its type and its Chinese name (RFC 5987) and the exact bytes', async () => {
    const res = await page(`/announcements/${id}/attachments/${pdf}`, a);
    expect(res.statusCode).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).to.match(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    const encoded = /filename\*=UTF-8''(\S+)$/.exec(disposition)![1]!;
    expect(encoded).to.not.match(/['()]/);
    expect(decodeURIComponent(encoded)).to.equal(pdfName);
    expect(res.rawPayload.equals(PDF)).to.equal(true);

    const image = await inject(`/s/${a}/announcements/${id}/attachments/${png}`);
    expect(image.statusCode).to.equal(200);
    expect(image.headers['content-type']).to.equal('image/png');
    expect(image.rawPayload.equals(PNG)).to.equal(true);
  });

  it('answers 404 where the announcement is not shown, for files not attached to it, and once deleted', async () => {
    expect((await page(`/announcements/${id}/attachments/${pdf}`, b)).statusCode).to.equal(404);
    expect((await inject(`/s/${b}/announcements/${id}/attachments/${pdf}`)).statusCode).to.equal(404);
    const other = await attachment(reg, PDF, '未附上的文件.pdf');
    expect((await page(`/announcements/${id}/attachments/${other}`, a)).statusCode).to.equal(404);
    expect(
      (await page(`/announcements/${id}/attachments/00000000-0000-4000-8000-000000000000`, a)).statusCode,
    ).to.equal(404);
    expect((await page(`/announcements/${id}/attachments/not-a-uuid`, a)).statusCode).to.equal(404);

    const gone = await announce(reg, {
      title: `附件删除测试${process.pid}`,
      attachments: [other],
      siteSlugs: [a],
    });
    await approvePending(a, (r) => r.subject_type === 'announcement' && r.employer_id === reg.employerId);
    expect((await page(`/announcements/${gone}/attachments/${other}`, a)).statusCode).to.equal(200);
    const deleted = await inject({
      method: 'DELETE',
      url: `/api/v1/employer/announcements/${gone}`,
      headers: bearer(reg.token),
    });
    expect(deleted.statusCode).to.equal(204);
    const res = await page(`/announcements/${gone}/attachments/${other}`, a);
    expect(res.statusCode).to.equal(404);
    expect(res.headers['content-type']).to.match(/^text\/html/);
  });
});

describe('main /announcements', () => {
  it('shows what a school approved, with its attachments, until main rejects its own copy', async () => {
    const [a, b] = await manualSchools();
    const reg = await memberOf([a, b]);
    const file = await attachment(reg, PDF, '主站附件.pdf');
    const title = `主站汇总测试${process.pid}`;
    const id = await announce(reg, { title, attachments: [file], siteSlugs: [a, b] });
    const search = `/announcements?q=${encodeURIComponent(title)}`;

    expect(listed((await page(search, 'main')).payload)).to.deep.equal([]);
    expect((await page(`/announcements/${id}`, 'main')).statusCode).to.equal(404);

    await approvePending(a, (r) => r.subject_type === 'announcement' && r.employer_id === reg.employerId);
    expect(listed((await page(search, 'main')).payload)).to.deep.equal([id]);
    const api = json<{ items: { id: number; url: string }[] }>(
      await inject(`/api/v1/public/sites/main/announcements?q=${encodeURIComponent(title)}`),
    );
    expect(api.items.map((i) => i.id)).to.deep.equal([id]);
    const detail = await page(`/announcements/${id}`, 'main');
    expect(detail.statusCode).to.equal(200);
    expect(detail.payload).to.include(`href="/announcements/${id}/attachments/${file}"`);
    const download = await page(`/announcements/${id}/attachments/${file}`, 'main');
    expect(download.statusCode).to.equal(200);
    expect(download.rawPayload.equals(PDF)).to.equal(true);
    // the school where it is still pending does not show it
    expect(listed((await page(search, b)).payload)).to.deep.equal([]);

    await decideOnMain(reg, id, 'reject');
    expect(listed((await page(search, 'main')).payload)).to.deep.equal([]);
    expect((await page(`/announcements/${id}`, 'main')).statusCode).to.equal(404);
    expect((await page(`/announcements/${id}/attachments/${file}`, 'main')).statusCode).to.equal(404);
    expect(listed((await page(search, a)).payload)).to.deep.equal([id]);
  });

  it('shows what main approved although no school did', async () => {
    const [a] = await manualSchools();
    const reg = await memberOf([a]);
    const title = `主站审核测试${process.pid}`;
    const id = await announce(reg, { title, siteSlugs: [a] });
    await decideOnMain(reg, id, 'approve');
    expect(
      listed((await page(`/announcements?q=${encodeURIComponent(title)}`, 'main')).payload),
    ).to.deep.equal([id]);
    expect(listed((await page(`/announcements?q=${encodeURIComponent(title)}`, a)).payload)).to.deep.equal(
      [],
    );
  });
});
