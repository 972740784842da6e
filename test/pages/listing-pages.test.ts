import { expect } from 'chai';
import type { ServerInjectResponse } from '@hapi/hapi';
import { addDays } from '../../core/clock.js';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { approvePending, bearer, memberOf } from '../helpers/employers.js';
import { approveJobs, createJob } from '../helpers/jobs.js';

/** A keyword no demo posting and no other test file uses. */
const tag = (what: string) => `${what}${process.pid}`;

type ReviewPolicy = { plugin: string };

/** A school with the given theme whose staff review jobs and announcements by hand. */
async function manualSchool(theme: string, not: string[] = []): Promise<string> {
  const { app } = await getDeployment();
  const site = app.sites
    .schools()
    .find(
      (s) =>
        s.theme.name === theme &&
        (s.reviewPolicies.job as ReviewPolicy).plugin === 'review-policy-manual' &&
        (s.reviewPolicies.announcement as ReviewPolicy).plugin === 'review-policy-manual' &&
        !not.includes(s.slug),
    );
  if (!site) throw new Error(`no manual-review school with theme ${theme}`);
  return site.slug;
}

/** A page as a browser on the site's own host asks for it. */
function page(url: string, slug?: string): Promise<ServerInjectResponse> {
  const host = slug && slug !== 'main' ? `${slug}.localhost:3000` : 'localhost:3000';
  return inject({ url, headers: { accept: 'text/html', host } });
}

function bodyAttr(payload: string, name: string): string | undefined {
  return new RegExp(`<body[^>]*\\s${name}="([^"]*)"`).exec(payload)?.[1];
}

const listedJobs = (payload: string) =>
  [...payload.matchAll(/data-job-id="(\d+)"/g)].map((m) => Number(m[1]));
const listedAnnouncements = (payload: string) =>
  [...payload.matchAll(/data-announcement-id="(\d+)"/g)].map((m) => Number(m[1]));

async function apiJobs(slug: string, query = '') {
  return json<{ items: { id: number; url: string }[]; total: number }>(
    await inject(`/api/v1/public/sites/${slug}/jobs${query}`),
  );
}

/** Undoes Handlebars' escaping of an attribute value (it escapes & < > " ' ` =). */
function unescapeHtml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The hrefs of the pagination nav, decoded from HTML. */
function pagerLinks(payload: string): string[] {
  const nav = /<nav class="xz-pager[^"]*" aria-label="分页">([\s\S]*?)<\/nav>/.exec(payload)?.[1] ?? '';
  return [...nav.matchAll(/href="([^"]*)"/g)].map((m) => unescapeHtml(m[1]!));
}

function jsonLd(payload: string): Record<string, unknown> {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(payload);
  if (!m) throw new Error('no JSON-LD on the page');
  return JSON.parse(m[1]!) as Record<string, unknown>;
}

/** Every & in an XML text starts an entity: &amp; &lt; &gt; &quot; &apos; or a character reference. */
function ampersandsAreEntities(xml: string): boolean {
  const named = ['amp;', 'lt;', 'gt;', 'quot;', 'apos;'];
  for (let i = xml.indexOf('&'); i !== -1; i = xml.indexOf('&', i + 1)) {
    const rest = xml.slice(i + 1, i + 12);
    if (named.some((n) => rest.startsWith(n))) continue;
    if (rest.startsWith('#')) {
      const end = rest.indexOf(';');
      const digits = rest.slice(1, end);
      const ok = end > 1 && (/^\d+$/.test(digits) || /^x[0-9a-fA-F]+$/.test(digits));
      if (ok) continue;
    }
    return false;
  }
  return true;
}

describe('GET /jobs', () => {
  it('renders in each site’s theme and lists exactly the public API’s first page, in order', async () => {
    const { app } = await getDeployment();
    const slugs = ['nju', 'suda'];
    expect(new Set(slugs.map((s) => app.sites.get(s)!.theme.name)).size).to.equal(2);
    for (const slug of slugs) {
      const res = await page('/jobs', slug);
      expect(res.statusCode, slug).to.equal(200);
      expect(res.headers['content-type']).to.match(/^text\/html/);
      expect(bodyAttr(res.payload, 'data-theme')).to.equal(app.sites.get(slug)!.theme.name);
      expect(bodyAttr(res.payload, 'data-site')).to.equal(slug);
      expect(res.payload).to.include('<h1 class="xz-title">招聘信息</h1>');
      const api = await apiJobs(slug);
      expect(api.items.length, `${slug} has demo jobs`).to.be.greaterThan(0);
      expect(listedJobs(res.payload)).to.deep.equal(api.items.map((i) => i.id));
      expect(res.payload).to.include(`<strong class="xz-listing-count__n">${api.total}</strong>`);
      expect(res.payload).to.include(`href="/jobs/${api.items[0]!.id}"`);
      // feeds are announced in the head, where <link> belongs
      const head = /<head>([\s\S]*)<\/head>/.exec(res.payload)![1]!;
      expect(head).to.match(
        /<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/jobs\/feed\.atom">/,
      );
      expect(head).to.match(
        /<link rel="alternate" type="application\/feed\+json" title="[^"]+" href="\/jobs\/feed\.json">/,
      );
    }
  });

  it('shows salary, cities, degree, employer and publish date of each job', async () => {
    const a = await manualSchool('classic');
    const reg = await memberOf([a]);
    const title = tag('列表字段');
    const job = await createJob(reg, { title, cities: ['320100', '310000'], siteSlugs: [a] });
    const free = await createJob(reg, { title: `${title}面议`, salaryMin: 0, salaryMax: 0, siteSlugs: [a] });
    await approveJobs(a, reg);
    const res = await page(`/jobs?q=${encodeURIComponent(title)}`, a);
    expect(listedJobs(res.payload).sort()).to.deep.equal([job.id, free.id].sort());
    const rest = res.payload.slice(res.payload.indexOf(`data-job-id="${job.id}"`));
    const first = rest.slice(0, rest.indexOf('</time>') + '</time>'.length);
    expect(first).to.include(reg.name);
    expect(first).to.include('南京市、上海市');
    expect(first).to.include('本科');
    expect(first).to.include('8k-15k/月');
    expect(first).to.match(/发布于 <time datetime="[^"]+">\d{4}-\d{2}-\d{2}<\/time>/);
    expect(res.payload).to.include('面议');
  });

  it('is empty with a friendly message when nothing matches', async () => {
    const res = await page(`/jobs?q=${encodeURIComponent(tag('不存在的职位'))}`, 'nju');
    expect(res.statusCode).to.equal(200);
    expect(listedJobs(res.payload)).to.deep.equal([]);
    expect(res.payload).to.include('没有符合条件的职位');
    expect(res.payload).to.include('<strong class="xz-listing-count__n">0</strong>');
  });
});

describe('GET /jobs filters and pages', () => {
  const keyword = tag('筛选');
  let site = '';
  const ids: Record<string, number> = {};

  before(async function () {
    this.timeout(120_000);
    site = await manualSchool('campus');
    const reg = await memberOf([site]);
    const varied = {
      suzhouMaster: { cities: ['320500'], degree: '硕士', category: '生产制造' },
      nanjingBachelor: { cities: ['320100'], degree: '本科', category: '技术研发' },
      shanghaiSales: { cities: ['310000'], degree: '本科', category: '销售' },
      bothDoctor: { cities: ['320100', '320500'], degree: '博士', category: '技术研发' },
    };
    for (const [name, fields] of Object.entries(varied))
      ids[name] = (await createJob(reg, { ...fields, title: `${keyword}${name}`, siteSlugs: [site] })).id;
    for (let i = 0; i < 21; i += 1)
      await createJob(reg, {
        title: `${keyword}批量${i}`,
        category: '运营',
        cities: ['320200'],
        siteSlugs: [site],
      });
    await approveJobs(site, reg);
  });

  it('narrows the list by keyword, city, degree and category exactly as the API does', async () => {
    const q = `q=${encodeURIComponent(keyword)}`;
    const cases: [string, string[] | null][] = [
      [`?${q}&city=320500`, ['suzhouMaster', 'bothDoctor']],
      [`?${q}&degree=${encodeURIComponent('本科')}&city=320100`, ['nanjingBachelor']],
      [`?${q}&category=${encodeURIComponent('技术研发')}`, ['nanjingBachelor', 'bothDoctor']],
      [`?${q}&city=310000&category=${encodeURIComponent('销售')}`, ['shanghaiSales']],
      [`?${q}&degree=${encodeURIComponent('硕士')}&city=320500`, ['suzhouMaster']],
      [`?${q}&degree=${encodeURIComponent('博士')}&city=320500`, ['suzhouMaster', 'bothDoctor']],
      [`?${q}`, null],
    ];
    for (const [query, expected] of cases) {
      const res = await page(`/jobs${query}`, site);
      expect(res.statusCode, query).to.equal(200);
      const api = await apiJobs(site, query);
      expect(listedJobs(res.payload), query).to.deep.equal(api.items.map((i) => i.id));
      if (expected)
        expect(listedJobs(res.payload).sort(), query).to.deep.equal(expected.map((n) => ids[n]).sort());
    }
    const filtered = await page(`/jobs?${q}&city=320500&degree=${encodeURIComponent('硕士')}`, site);
    expect(filtered.payload).to.include('<option value="320500" selected>苏州市</option>');
    expect(filtered.payload).to.include('<option value="硕士" selected>硕士</option>');
    expect(filtered.payload).to.include(`value="${keyword}"`);
  });

  it('groups the city select: Jiangsu first, then 其他地区', async () => {
    const res = await page('/jobs', site);
    const select = /<select[^>]*name="city">([\s\S]*?)<\/select>/.exec(res.payload)![1]!;
    const jiangsu = select.indexOf('<optgroup label="江苏省">');
    const other = select.indexOf('<optgroup label="其他地区">');
    expect(jiangsu).to.be.greaterThan(-1);
    expect(other).to.be.greaterThan(jiangsu);
    expect(select.indexOf('>南京市<')).to.be.within(jiangsu, other);
    expect(select.indexOf('>宿迁市<')).to.be.within(jiangsu, other);
    expect(select.indexOf('>北京市<')).to.be.greaterThan(other);
  });

  it('pages 20 at a time with links that keep the filters', async () => {
    const query = `?q=${encodeURIComponent(keyword)}`;
    const all = (await apiJobs(site, `${query}&pageSize=100`)).items.map((i) => i.id);
    expect(all).to.have.length(25);
    const first = await page(`/jobs${query}`, site);
    expect(listedJobs(first.payload)).to.deep.equal(all.slice(0, 20));
    expect(first.payload).to.include('<strong class="xz-listing-count__n">25</strong>');
    expect(first.payload).to.match(/<a class="xz-pager__link" href="[^"]*" aria-current="page">/);
    const links = pagerLinks(first.payload);
    expect(links.length).to.be.greaterThan(0);
    for (const href of links) {
      const u = new URL(href, 'http://x');
      expect(u.pathname).to.equal('/jobs');
      expect(u.searchParams.get('q')).to.equal(keyword);
    }
    const next = links.find((l) => new URL(l, 'http://x').searchParams.get('page') === '2')!;
    expect(next).to.be.a('string');
    const second = await page(next, site);
    expect(listedJobs(second.payload)).to.deep.equal(all.slice(20));
    expect(pagerLinks(second.payload).some((l) => !new URL(l, 'http://x').searchParams.has('page'))).to.equal(
      true,
    );

    const byCategory = await page(`/jobs${query}&category=${encodeURIComponent('运营')}&page=2`, site);
    expect(listedJobs(byCategory.payload)).to.have.length(1);
    for (const href of pagerLinks(byCategory.payload))
      expect(new URL(href, 'http://x').searchParams.get('category')).to.equal('运营');
  });

  it('ignores invalid filter values instead of failing', async () => {
    const base = await page(`/jobs?q=${encodeURIComponent(keyword)}`, site);
    const res = await page(
      `/jobs?q=${encodeURIComponent(keyword)}&city=999999&degree=${encodeURIComponent('中专')}&category=x&page=abc&utm_source=feed`,
      site,
    );
    expect(res.statusCode).to.equal(200);
    expect(bodyAttr(res.payload, 'data-theme')).to.equal('campus');
    expect(listedJobs(res.payload)).to.deep.equal(listedJobs(base.payload));
    expect(res.payload).to.not.include('999999');
    const past = await page(`/jobs?q=${encodeURIComponent(keyword)}&page=9`, site);
    expect(past.statusCode).to.equal(200);
    expect(listedJobs(past.payload)).to.deep.equal([]);
    expect(past.payload).to.include('回到第一页');
    const tooFar = await page('/jobs?page=100000', site);
    expect(tooFar.statusCode).to.equal(200);
    const repeated = await page(`/jobs?q=${encodeURIComponent(keyword)}&city=320500&city=320100`, site);
    expect(listedJobs(repeated.payload)).to.deep.equal(listedJobs(base.payload));
    const long = await page(`/jobs?q=${encodeURIComponent(keyword + '长'.repeat(60))}`, site);
    expect(long.statusCode).to.equal(200);
    expect(long.payload).to.include(`value="${(keyword + '长'.repeat(60)).slice(0, 40)}"`);
  });

  it('works under /s/<slug>/ and every link carries the prefix', async () => {
    const res = await inject({
      url: `/s/${site}/jobs?q=${encodeURIComponent(keyword)}`,
      headers: { accept: 'text/html', host: 'localhost:3000' },
    });
    expect(res.statusCode).to.equal(200);
    expect(bodyAttr(res.payload, 'data-site')).to.equal(site);
    const listed = listedJobs(res.payload);
    expect(listed).to.have.length(20);
    for (const id of listed) expect(res.payload).to.include(`href="/s/${site}/jobs/${id}"`);
    expect(res.payload).to.include(`action="/s/${site}/jobs"`);
    expect(res.payload).to.include(`href="/s/${site}/announcements"`);
    expect(res.payload).to.include(`href="/s/${site}/jobs/feed.atom"`);
    const links = pagerLinks(res.payload);
    expect(links.length).to.be.greaterThan(0);
    for (const href of links) expect(href.startsWith(`/s/${site}/jobs?`), href).to.equal(true);
    const detail = await inject({ url: `/s/${site}/jobs/${listed[0]}`, headers: { accept: 'text/html' } });
    expect(detail.statusCode).to.equal(200);
    expect(detail.payload).to.include(`href="/s/${site}/jobs"`);
  });
});

describe('GET /jobs/{id}', () => {
  it('shows a job where it is approved, with JobPosting data, and is a themed 404 where it is pending', async () => {
    const { app } = await getDeployment();
    const a = await manualSchool('classic');
    const b = await manualSchool('portal');
    const reg = await memberOf([a, b]);
    const expiresOn = addDays(app.clock.today(), 12);
    const job = await createJob(reg, {
      title: tag('详情测试'),
      cities: ['320100', '310000', '330100'],
      majors: ['软件工程', '网络工程'],
      headcount: 5,
      description: '第一段：负责<b>后端</b>开发。\n\n第二段：熟悉 SQL & 缓存。</script>',
      expiresOn,
      siteSlugs: [a, b],
    });
    await approveJobs(a, reg);

    const res = await page(`/jobs/${job.id}`, a);
    expect(res.statusCode).to.equal(200);
    expect(bodyAttr(res.payload, 'data-theme')).to.equal('classic');
    expect(res.payload).to.include(tag('详情测试'));
    expect(res.payload).to.include(reg.name);
    expect(res.payload).to.include('8k-15k/月');
    expect(res.payload).to.include('5 人');
    expect(res.payload).to.include('软件工程、网络工程');
    expect(res.payload).to.include('南京市、上海市、杭州市');
    expect(res.payload).to.include(`有效期至 <time datetime="${addDays(expiresOn, -1)}">`);
    expect(res.payload).to.include('<p>第一段：负责&lt;b&gt;后端&lt;/b&gt;开发。</p>');
    expect(res.payload).to.include('<p>第二段：熟悉 SQL &amp; 缓存。&lt;/script&gt;</p>');
    expect(res.payload).to.include('href="/jobs"');

    const ld = jsonLd(res.payload);
    expect(ld['@context']).to.equal('https://schema.org');
    expect(ld['@type']).to.equal('JobPosting');
    expect(ld.title).to.equal(tag('详情测试'));
    expect(ld.validThrough).to.equal(`${expiresOn}T00:00:00+08:00`);
    expect(ld.employmentType).to.equal('FULL_TIME');
    expect(ld.hiringOrganization).to.deep.equal({ '@type': 'Organization', name: reg.name });
    expect(ld.totalJobOpenings).to.equal(5);
    expect(ld.baseSalary).to.deep.equal({
      '@type': 'MonetaryAmount',
      currency: 'CNY',
      value: { '@type': 'QuantitativeValue', unitText: 'MONTH', minValue: 8000, maxValue: 15000 },
    });
    const places = ld.jobLocation as { '@type': string; address: Record<string, string> }[];
    expect(places.map((p) => p['@type'])).to.deep.equal(['Place', 'Place', 'Place']);
    expect(places[0]!.address).to.deep.include({
      '@type': 'PostalAddress',
      addressRegion: '江苏省',
      addressLocality: '南京市',
      addressCountry: 'CN',
    });
    expect(places[1]!.address).to.deep.include({ addressRegion: '上海市', addressLocality: '上海市' });
    expect(places[2]!.address).to.deep.include({ addressRegion: '浙江省', addressLocality: '杭州市' });
    expect(ld.identifier).to.deep.include({ '@type': 'PropertyValue', value: String(job.id) });
    expect(ld.datePosted).to.be.a('string');
    expect(Number.isNaN(Date.parse(ld.datePosted as string))).to.equal(false);
    expect(ld.educationRequirements).to.deep.include({ credentialCategory: 'bachelor degree' });
    expect(ld.description).to.include('<b>后端</b>');
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(res.payload)![1]!;
    expect(script).to.not.include('<');

    const other = await page(`/jobs/${job.id}`, b);
    expect(other.statusCode).to.equal(404);
    expect(other.headers['content-type']).to.match(/^text\/html/);
    expect(bodyAttr(other.payload, 'data-theme')).to.equal('portal');
    expect(other.payload).to.include('页面不存在');
    expect(other.payload).to.not.include(tag('详情测试'));
  });

  it('is a 404 on every site once the job has expired', async () => {
    const a = await manualSchool('classic');
    const b = await manualSchool('campus');
    const reg = await memberOf([a, b]);
    const job = await createJob(reg, { title: tag('失效测试'), siteSlugs: [a, b] });
    await approveJobs(a, reg);
    await approveJobs(b, reg);
    await approveJobs('main', reg);
    for (const slug of [a, b, 'main'])
      expect((await page(`/jobs/${job.id}`, slug)).statusCode, slug).to.equal(200);
    const expired = await inject({
      method: 'POST',
      url: `/api/v1/employer/jobs/${job.id}/expire`,
      headers: bearer(reg.token),
      payload: {},
    });
    expect(expired.statusCode).to.equal(200);
    for (const slug of [a, b, 'main']) {
      const res = await page(`/jobs/${job.id}`, slug);
      expect(res.statusCode, slug).to.equal(404);
      expect(bodyAttr(res.payload, 'data-site')).to.equal(slug);
      expect(
        listedJobs((await page(`/jobs?q=${encodeURIComponent(tag('失效测试'))}`, slug)).payload),
      ).to.deep.equal([]);
    }
  });

  it('is a themed 404 for ids that are not numbers or do not exist', async () => {
    for (const url of ['/jobs/abc', '/jobs/0', '/jobs/99999999999', '/jobs/2147483000']) {
      const res = await page(url, 'nju');
      expect(res.statusCode, url).to.equal(404);
      expect(bodyAttr(res.payload, 'data-theme'), url).to.equal('classic');
    }
    const api = await inject({ url: '/jobs/2147483000', headers: { accept: 'application/json' } });
    expect(json(api)).to.deep.include({ statusCode: 404, code: 'NOT_FOUND' });
  });
});

describe('GET /announcements', () => {
  it('lists the announcements approved on the site and shows one, never where it is pending', async () => {
    const a = await manualSchool('portal');
    const b = await manualSchool('classic');
    const reg = await memberOf([a, b]);
    const title = tag('公告页面测试');
    const res = await inject({
      method: 'POST',
      url: '/api/v1/employer/announcements',
      headers: bearer(reg.token),
      payload: {
        title,
        body: '第一段：欢迎各专业应届毕业生关注。\n第二段：<i>薪酬</i> & 福利面议。',
        siteSlugs: [a, b],
      },
    });
    expect(res.statusCode, res.payload).to.equal(201);
    const ann = json<{ id: number }>(res);
    await approvePending(a, (r) => r.subject_type === 'announcement' && r.employer_id === reg.employerId);

    const list = await page('/announcements', a);
    expect(list.statusCode).to.equal(200);
    expect(bodyAttr(list.payload, 'data-theme')).to.equal('portal');
    const api = json<{ items: { id: number }[] }>(await inject(`/api/v1/public/sites/${a}/announcements`));
    expect(listedAnnouncements(list.payload)).to.deep.equal(api.items.map((i) => i.id));
    expect(listedAnnouncements(list.payload)).to.include(ann.id);
    const searched = await page(`/announcements?q=${encodeURIComponent(title)}`, a);
    expect(listedAnnouncements(searched.payload)).to.deep.equal([ann.id]);
    expect(searched.payload).to.include(`href="/announcements/${ann.id}"`);

    const detail = await page(`/announcements/${ann.id}`, a);
    expect(detail.statusCode).to.equal(200);
    expect(detail.payload).to.include(title);
    expect(detail.payload).to.include(reg.name);
    expect(detail.payload).to.include('<p>第一段：欢迎各专业应届毕业生关注。</p>');
    expect(detail.payload).to.include('<p>第二段：&lt;i&gt;薪酬&lt;/i&gt; &amp; 福利面议。</p>');
    expect(detail.payload).to.include('本公告仅作信息发布，不接收在线投递');

    const elsewhere = await page(`/announcements/${ann.id}`, b);
    expect(elsewhere.statusCode).to.equal(404);
    expect(bodyAttr(elsewhere.payload, 'data-theme')).to.equal('classic');
    expect(
      listedAnnouncements((await page(`/announcements?q=${encodeURIComponent(title)}`, b)).payload),
    ).to.deep.equal([]);

    const prefixed = await inject({
      url: `/s/${a}/announcements?q=${encodeURIComponent(title)}`,
      headers: {},
    });
    expect(prefixed.payload).to.include(`href="/s/${a}/announcements/${ann.id}"`);

    const deleted = await inject({
      method: 'DELETE',
      url: `/api/v1/employer/announcements/${ann.id}`,
      headers: bearer(reg.token),
    });
    expect(deleted.statusCode).to.equal(204);
    expect((await page(`/announcements/${ann.id}`, a)).statusCode).to.equal(404);
  });
});

describe('job feeds', () => {
  let site = '';
  let tricky = 0;

  before(async function () {
    this.timeout(60_000);
    site = await manualSchool('portal');
    const reg = await memberOf([site]);
    await createJob(reg, { title: tag('订阅测试'), siteSlugs: [site] });
    tricky = (await createJob(reg, { title: `研发&测试<实习>${process.pid}`, siteSlugs: [site] })).id;
    await approveJobs(site, reg);
  });

  it('serves a JSON Feed 1.1 of the latest visible jobs with absolute urls', async () => {
    const { app } = await getDeployment();
    const res = await page('/jobs/feed.json', site);
    expect(res.statusCode).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/feed\+json/);
    const feed = JSON.parse(res.payload) as {
      version: string;
      title: string;
      home_page_url: string;
      feed_url: string;
      items: { id: string; url: string; title: string; content_text: string; date_published: string }[];
    };
    const s = app.sites.get(site)!;
    expect(feed.version).to.equal('https://jsonfeed.org/version/1.1');
    expect(feed.title).to.equal(`${s.name}招聘信息`);
    expect(feed.home_page_url).to.equal(app.sites.urlOf(s, '/jobs'));
    expect(feed.feed_url).to.equal(app.sites.urlOf(s, '/jobs/feed.json'));
    const api = await apiJobs(site, '?pageSize=50');
    expect(feed.items.map((i) => i.url)).to.deep.equal(api.items.map((i) => i.url));
    expect(feed.items.length).to.be.at.least(2);
    for (const item of feed.items) {
      expect(item.url).to.match(/^https?:\/\//);
      expect(item.url.startsWith(app.sites.urlOf(s, '/jobs/'))).to.equal(true);
      expect(item.id).to.be.a('string');
      expect(item.content_text).to.match(/ · .+ · /);
      expect(Number.isNaN(Date.parse(item.date_published))).to.equal(false);
    }
    const item = feed.items.find((i) => i.url.endsWith(`/jobs/${tricky}`))!;
    expect(item.title).to.equal(`研发&测试<实习>${process.pid}`);
    expect(item.content_text).to.include('8k-15k/月');

    const prefixed = await inject({ url: `/s/${site}/jobs/feed.json` });
    expect(JSON.parse(prefixed.payload).items).to.deep.equal(feed.items);
  });

  it('serves well-formed Atom with escaped text', async () => {
    const res = await page('/jobs/feed.atom', site);
    expect(res.statusCode).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/atom\+xml/);
    const xml = res.payload;
    expect(xml.startsWith('<?xml')).to.equal(true);
    expect(xml).to.include('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(ampersandsAreEntities(xml)).to.equal(true);
    expect(xml).to.include(`<title>研发&amp;测试&lt;实习&gt;${process.pid}</title>`);
    expect(xml).to.match(/<updated>\d{4}-\d{2}-\d{2}T[^<]+<\/updated>/);
    const entries = xml.split('<entry>').length - 1;
    expect(entries).to.equal(xml.split('</entry>').length - 1);
    const api = await apiJobs(site, '?pageSize=50');
    expect(entries).to.equal(api.items.length);
    const { app } = await getDeployment();
    const url = app.sites.urlOf(app.sites.get(site)!, `/jobs/${tricky}`);
    expect(xml).to.include(`<id>${url}</id>`);
    expect(xml).to.include(`<link rel="alternate" type="text/html" href="${url}"/>`);
    expect(xml.trimEnd().endsWith('</feed>')).to.equal(true);
  });

  it('escapes job titles in the HTML list too', async () => {
    const res = await page('/jobs', site);
    expect(res.payload).to.include(`研发&amp;测试&lt;实习&gt;${process.pid}`);
    expect(res.payload).to.not.include(`<实习>`);
  });
});
