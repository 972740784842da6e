import { expect } from 'chai';
import type { Browser, Locator, Page } from 'playwright-core';
import { useChromium, watchErrors } from '../helpers/browser.js';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { waitFor } from '../helpers/employers.js';
import { formatSalary } from '../../core/format/index.js';

interface Job {
  id: number;
  title: string;
  employer: { name: string };
  headcount: number;
  salaryMin: number;
  salaryMax: number;
  cities: string[];
  cityNames: string[];
  degree: string;
  publishedAt: string;
  url: string;
}
interface JobList {
  items: Job[];
  total: number;
  totalIsCapped: boolean;
}

async function apiJobs(site: string, query: string): Promise<JobList> {
  const res = await inject(`/api/v1/public/sites/${site}/jobs?${query}`);
  expect(res.statusCode, res.payload).to.equal(200);
  return json<JobList>(res);
}

/** Title, link and text of the jobs an <xz-job-list> shows (Playwright's CSS locators pierce its shadow root). */
function shown(list: Locator) {
  return list.locator('[part~="item"]').evaluateAll((items) =>
    items.map((item) => {
      const a = item.querySelector<HTMLAnchorElement>('[part~="title"] a');
      return {
        title: a?.textContent?.trim() ?? '',
        href: a?.href ?? '',
        text: item.textContent?.replace(/\s+/g, ' ') ?? '',
      };
    }),
  );
}

async function hrefs(list: Locator): Promise<string[]> {
  return (await shown(list)).map((j) => j.href);
}

const hrefsOf = (jobs: JobList) => jobs.items.map((j) => new URL(j.url).href);

/** Text of an element with whitespace collapsed (white space in HTML is not significant). */
async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Shows the given API page once the element's links are those of the API, in the same order. */
async function waitForJobs(list: Locator, expected: JobList, what: string): Promise<void> {
  const want = hrefsOf(expected);
  await waitFor(
    what,
    async () =>
      (await list.locator('[part~="base"]').getAttribute('aria-busy')) === 'false' &&
      JSON.stringify(await hrefs(list)) === JSON.stringify(want),
    15_000,
  ).catch(async (err: Error) => {
    expect(await hrefs(list), err.message).to.deep.equal(want);
  });
}

const shanghaiDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

describe('e2e: <xz-job-list> on the widget demo page in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let base: string;

  useChromium((b, url) => {
    browser = b;
    base = url;
  });

  async function openDemo(site = 'nju'): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${base}/widgets/demo?site=${site}`);
    return { page, errors };
  }

  it('puts the embed snippet and a <noscript> link to the school’s jobs next to each list', async () => {
    const { app } = await getDeployment();
    const res = await inject('/widgets/demo?site=nju');
    expect(res.statusCode).to.equal(200);
    const jobsUrl = `${app.sites.get('nju')!.url}jobs`;
    expect(res.payload).to.include('&lt;xz-job-list site="nju" page-size="5"&gt;&lt;/xz-job-list&gt;');
    expect(res.payload).to.include(
      `&lt;noscript&gt;&lt;a href="${jobsUrl}"&gt;查看招聘职位&lt;/a&gt;&lt;/noscript&gt;`,
    );
    expect(res.payload).to.match(
      new RegExp(
        `<xz-job-list id="demo-jobs" site="nju" page-size="5"></xz-job-list>\\s*<noscript><a href="${jobsUrl}">查看招聘职位</a></noscript>`,
      ),
    );
    expect(res.payload).to.include('id="demo-card"');
  });

  it('shows the API’s first page in the same order, each title linking to the job on the school’s site', async () => {
    const api = await apiJobs('nju', 'pageSize=5');
    expect(api.items).to.have.length(5);
    expect(api.total).to.be.above(5);

    const { page, errors } = await openDemo();
    const list = page.locator('#demo-jobs');
    await waitForJobs(list, api, 'the first page of #demo-jobs');

    const jobs = await shown(list);
    expect(jobs.map((j) => j.title)).to.deep.equal(api.items.map((j) => j.title));
    for (const [i, job] of api.items.entries()) {
      const shownText = jobs[i]!.text;
      expect(shownText).to.include(job.employer.name);
      for (const city of job.cityNames) expect(shownText).to.include(city);
      expect(shownText).to.include(job.degree === '不限' ? '学历不限' : job.degree);
      expect(shownText).to.include(`招${job.headcount}人`);
      expect(shownText).to.include(shanghaiDate(job.publishedAt));
      expect(await text(list.locator('[part~="salary"]').nth(i))).to.equal(
        formatSalary(job.salaryMin, job.salaryMax),
      );
    }
    expect(await text(list.locator('[part~="count"]'))).to.equal(`共 ${api.total} 个职位`);

    const { app } = await getDeployment();
    expect(await list.locator('[part~="more"]').getAttribute('href')).to.equal(
      `${app.sites.get('nju')!.url}jobs`,
    );
    const primary = await list
      .locator('[part~="base"]')
      .evaluate((el) => getComputedStyle(el).getPropertyValue('--_primary').trim());
    const nju = app.sites.get('nju')!.theme.settings.primaryColor as string;
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(nju.slice(i, i + 2), 16));
    expect(primary).to.be.oneOf([nju, `rgb(${r}, ${g}, ${b})`]);

    expect(errors).to.deep.equal([]);
    await page.close();
  });

  it('has list semantics and a labelled pagination that marks the current page', async () => {
    const { page, errors } = await openDemo();
    const list = page.locator('#demo-jobs');
    await list.locator('[part~="item"]').first().waitFor({ timeout: 15_000 });

    const semantics = await list.locator('[part~="list"]').evaluate((el) => ({
      tag: el.tagName,
      role: el.getAttribute('role'),
      children: [...el.children].map((c) => c.tagName),
      articles: el.querySelectorAll(':scope > li > article').length,
    }));
    expect(semantics.tag).to.be.oneOf(['UL', 'OL']);
    expect(semantics.role).to.be.oneOf([null, 'list']);
    expect(new Set(semantics.children)).to.deep.equal(new Set(['LI']));
    expect(semantics.articles).to.equal(5);

    // The same through the accessibility tree.
    const nav = list.getByRole('navigation', { name: '分页' });
    expect(await nav.count()).to.equal(1);
    expect(await list.getByRole('listitem').count()).to.be.at.least(5);
    expect(await nav.getByRole('button', { name: '上一页' }).isDisabled()).to.equal(true);
    expect(await nav.getByRole('button', { name: '下一页' }).isEnabled()).to.equal(true);
    const current = nav.locator('[aria-current="page"]');
    expect(await current.count()).to.equal(1);
    expect(await current.evaluate((el) => el.tagName)).to.equal('BUTTON');
    expect(await current.getAttribute('aria-label')).to.equal('第 1 页');
    expect(await text(nav.locator('[part~="page-info"]'))).to.match(/^第 1 \/ \d+ 页$/);
    expect(await list.locator('[part~="base"]').getAttribute('aria-busy')).to.equal('false');

    expect(errors).to.deep.equal([]);
    await page.close();
  });

  it('goes to the API’s second page with 下一页, and back to page 1 when a filter changes', async () => {
    const [page1, page2, filtered] = await Promise.all([
      apiJobs('nju', 'pageSize=5'),
      apiJobs('nju', 'pageSize=5&page=2'),
      apiJobs('nju', `pageSize=5&q=${encodeURIComponent('工程师')}`),
    ]);
    expect(page2.items).to.have.length.above(0);
    expect(filtered.items).to.have.length.above(0);

    const { page, errors } = await openDemo();
    const list = page.locator('#demo-jobs');
    await waitForJobs(list, page1, 'the first page of #demo-jobs');
    await page.evaluate(() => {
      const events: Array<{ type: string; detail: unknown }> = [];
      (window as unknown as { xzEvents: typeof events }).xzEvents = events;
      for (const type of ['xz-page-change', 'xz-jobs-loaded'])
        document.addEventListener(type, (e) => events.push({ type, detail: (e as CustomEvent).detail }));
    });

    await list.getByRole('button', { name: '下一页' }).click();
    await waitForJobs(list, page2, 'the second page of #demo-jobs');
    const nav = list.getByRole('navigation', { name: '分页' });
    expect(await nav.locator('[aria-current="page"]').getAttribute('aria-label')).to.equal('第 2 页');
    expect(await nav.getByRole('button', { name: '上一页' }).isEnabled()).to.equal(true);
    expect(await list.evaluate((el) => (el as HTMLElement & { page: number }).page)).to.equal(2);
    const events = await page.evaluate(
      () => (window as unknown as { xzEvents: Array<{ type: string; detail: unknown }> }).xzEvents,
    );
    expect(events).to.deep.include({ type: 'xz-page-change', detail: { page: 2 } });
    expect(events).to.deep.include({
      type: 'xz-jobs-loaded',
      detail: { site: 'nju', page: 2, total: page1.total },
    });

    await list.evaluate((el) => el.setAttribute('q', '工程师'));
    await waitForJobs(list, filtered, 'the keyword-filtered first page of #demo-jobs');
    expect(await list.evaluate((el) => (el as HTMLElement & { page: number }).page)).to.equal(1);
    expect(await text(list.locator('[part~="count"]'))).to.equal(`共 ${filtered.total} 个职位`);

    expect(errors).to.deep.equal([]);
    await page.close();
  });

  it('shows only jobs in 南京市 in the list filtered by city="320100"', async () => {
    const api = await apiJobs('nju', 'pageSize=5&city=320100');
    const all = await apiJobs('nju', 'pageSize=100');
    expect(api.items).to.have.length.above(0);
    expect(api.total).to.be.below(all.total); // the filter does filter

    const { page, errors } = await openDemo();
    const list = page.locator('#demo-jobs-city');
    await waitForJobs(list, api, 'the first page of #demo-jobs-city');
    const jobs = await shown(list);
    const byUrl = new Map(all.items.map((j) => [new URL(j.url).href, j]));
    for (const job of jobs) {
      expect(byUrl.get(job.href)?.cities, job.href).to.include('320100');
      expect(job.text).to.include('南京市');
    }
    expect(await text(list.locator('[part~="count"]'))).to.equal(`共 ${api.total} 个职位`);

    expect(errors).to.deep.equal([]);
    await page.close();
  });

  it('shows the API’s Chinese error for an unknown site', async () => {
    const { page, errors } = await openDemo();
    const list = page.locator('#demo-jobs');
    await list.locator('[part~="item"]').first().waitFor({ timeout: 15_000 });
    const failed = page.evaluate(
      () =>
        new Promise<unknown>((resolve) =>
          document
            .querySelector('#demo-jobs')!
            .addEventListener('xz-error', (e) => resolve((e as CustomEvent).detail), { once: true }),
        ),
    );
    await list.evaluate((el) => el.setAttribute('site', 'no-such-school'));
    const alert = list.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await text(alert)).to.equal('站点不存在');
    expect(await failed).to.deep.equal({
      slug: 'no-such-school',
      status: 404,
      code: 'NOT_FOUND',
      message: '站点不存在',
    });
    expect(await list.locator('[part~="item"]').count()).to.equal(0);
    // The 404 responses are logged by the browser itself; the page must not throw.
    expect(errors.filter((e) => !e.includes('404'))).to.deep.equal([]);
    await page.close();
  });
});
