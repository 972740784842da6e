import { expect } from 'chai';
import { getDeployment } from '../helpers/deployment.js';
import { get, Jar, submit } from '../helpers/pages.js';

const SITE = 'jsie';
const PAGE = `/s/${SITE}/admin/embed`;

async function staffJar(username: string): Promise<Jar> {
  const { app } = await getDeployment();
  const { payload } = await app.services.staff!.login(username, 'xiaozhao-demo', '127.0.0.1');
  const jar = new Jar();
  jar.cookies.set('xz_staff', app.principals.sign(payload));
  return jar;
}

const decode = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');

/** The snippet as the staff member copies it. */
const snippetOf = (html: string) =>
  decode(/<code id="xz-embed-snippet"[^>]*>([\s\S]*?)<\/code>/.exec(html)![1]!);

const fieldError = (html: string, id: string) =>
  new RegExp(`<p class="xz-error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1];

async function rows() {
  const { app } = await getDeployment();
  const siteId = app.sites.get(SITE)!.id;
  return {
    settings: await app.db('site_settings').where({ site_id: siteId }),
    audit: await app.db('site_settings_audit').where({ site_id: siteId }).orderBy('id'),
  };
}

describe('嵌入代码 (/admin/embed)', () => {
  it('builds the snippet on the server from the form, with the real widget as the preview and a menu entry', async () => {
    const jar = await staffJar(`${SITE}.admin`);
    const q = new URLSearchParams({
      widget: 'job-list',
      degree: '本科',
      q: 'Java "开发"',
      pageSize: '5',
      primary: '#123456',
      radius: '8',
    });
    const res = await get(`${PAGE}?${q.toString()}`, jar);
    expect(res.statusCode).to.equal(200);
    const snippet = snippetOf(res.payload);
    expect(snippet).to.match(
      /^<script type="module" src="http:\/\/[^"]+\/widgets\/v1\/xiaozhao\.js"><\/script>\n/,
    );
    expect(snippet).to.include(
      `<xz-job-list site="${SITE}" q="Java &quot;开发&quot;" degree="本科" page-size="5" style="--xz-color-primary: #123456; --xz-radius: 8px"></xz-job-list>`,
    );
    expect(snippet).to.match(/\n<noscript><a href="[^"]+\/jobs">查看招聘职位<\/a><\/noscript>$/);
    expect(res.payload).to.include(
      `<xz-job-list id="xz-embed-widget" site="${SITE}" q="Java &quot;开发&quot;" degree="本科" page-size="5"></xz-job-list>`,
    );
    expect(res.payload).to.include('style="--xz-color-primary: #123456; --xz-radius: 8px"');
    expect(res.payload).to.match(/<a[^>]*href="\/s\/jsie\/admin\/embed"[^>]*>[\s\S]*?嵌入代码/);
    expect(res.payload).to.include('<script src="/assets/widgets/1/embed.js" defer></script>');

    const booking = snippetOf((await get(`${PAGE}?widget=booking`, jar)).payload);
    expect(booking).to.include(`<xz-fair-booking site="${SITE}"></xz-fair-booking>`);
  });

  it('builds the 宣讲会列表 snippet with its mode and days, and previews the real element', async () => {
    const jar = await staffJar(`${SITE}.admin`);
    const res = await get(`${PAGE}?widget=presentation-list&mode=online&days=14`, jar);
    expect(res.statusCode).to.equal(200);
    expect(snippetOf(res.payload)).to.include(
      `<xz-presentation-list site="${SITE}" mode="online" days="14"></xz-presentation-list>`,
    );
    expect(res.payload).to.include(
      `<xz-presentation-list id="xz-embed-widget" site="${SITE}" mode="online" days="14"></xz-presentation-list>`,
    );
    expect(res.payload).to.match(/<option value="online" selected>空中宣讲会<\/option>/);
    const all = snippetOf((await get(`${PAGE}?widget=presentation-list`, jar)).payload);
    expect(all).to.include(`<xz-presentation-list site="${SITE}"></xz-presentation-list>`);
    // visitors without JavaScript are sent to the site's own list of sessions, not its home page
    expect(all).to.match(/\n<noscript><a href="[^"]+\/presentations">查看宣讲会<\/a><\/noscript>$/);
    expect((await get(`${PAGE}?widget=presentation-list&days=0`, jar)).statusCode).to.equal(400);
  });

  it('says which colour is wrong, in Chinese, and keeps what was typed', async () => {
    const res = await get(`${PAGE}?widget=fair-list&limit=3&primary=blue`, await staffJar(`${SITE}.admin`));
    expect(res.statusCode).to.equal(400);
    expect(fieldError(res.payload, 'xz-embed-primary')).to.equal('主色应为 # 加 6 位十六进制数，如 #1f5fa8');
    expect(res.payload).to.include('value="blue"');
    expect(snippetOf(res.payload)).to.include(`<xz-fair-list site="${SITE}" limit="3"></xz-fair-list>`);
  });

  it('adds a typed origin to the site’s widget origins in one step, audited, and keeps the snippet choices', async () => {
    const { app } = await getDeployment();
    const jar = await staffJar(`${SITE}.admin`);
    const before = await rows();
    const origin = 'https://career.jsie-embed.cn';
    const res = await submit(
      `${PAGE}?widget=fair-list&limit=3`,
      `${PAGE}/origins`,
      { origin: `${origin}/`, query: 'widget=fair-list&limit=3' },
      jar,
    );
    expect(res.statusCode, res.payload.slice(0, 500)).to.equal(303);
    expect(res.headers.location).to.equal(`${PAGE}?widget=fair-list&limit=3&pageSize=10&done=added`);
    expect(app.sites.get(SITE)!.widgetOrigins).to.include(origin);
    const after = await rows();
    expect(after.settings).to.have.length(1);
    expect(after.settings[0].overrides.widgetOrigins).to.include(origin);
    expect(after.audit).to.have.length(before.audit.length + 1);
    expect(after.audit.at(-1)).to.deep.include({ changed: ['widgetOrigins'] });
    const staff = await app
      .db('staff_accounts')
      .where({ username: `${SITE}.admin` })
      .first();
    expect(after.audit.at(-1).staff_id).to.equal(staff.id);
    const page = await get(res.headers.location as string, jar);
    expect(page.payload).to.include('已添加嵌入来源');
    expect(page.payload).to.include(`<code>${origin}</code>`);

    const again = await submit(PAGE, `${PAGE}/origins`, { origin, query: '' }, jar);
    expect(again.headers.location).to.match(/done=present$/);
    expect((await rows()).audit).to.have.length(after.audit.length);
  });

  it('refuses an origin with a path in Chinese, keeping it typed, and writes nothing', async () => {
    const before = await rows();
    const res = await submit(
      PAGE,
      `${PAGE}/origins`,
      { origin: 'https://www.jsie.edu.cn/jobs', query: '' },
      await staffJar(`${SITE}.admin`),
    );
    expect(res.statusCode).to.equal(400);
    expect(fieldError(res.payload, 'xz-embed-origin')).to.equal(
      '网站来源“https://www.jsie.edu.cn/jobs”应只写协议和域名，如 https://www.example.edu.cn（不带路径）',
    );
    expect(res.payload).to.include('value="https://www.jsie.edu.cn/jobs"');
    expect(await rows()).to.deep.equal(before);
  });

  it('lets no staff of another site open the page or add an origin', async () => {
    const { app } = await getDeployment();
    const before = await rows();
    const other = await staffJar('seu.admin');
    expect((await get(PAGE, other)).statusCode).to.equal(403);
    const res = await submit(
      `/s/${SITE}/admin/login`,
      `${PAGE}/origins`,
      { origin: 'https://evil.example.cn', query: '' },
      other,
    );
    expect(res.statusCode).to.equal(403);
    expect(app.sites.get(SITE)!.widgetOrigins).to.not.include('https://evil.example.cn');
    expect(await rows()).to.deep.equal(before);
  });
});
