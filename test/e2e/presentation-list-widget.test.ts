import { expect } from 'chai';
import type { Browser, Locator, Page } from 'playwright-core';
import { useChromium, watchErrors } from '../helpers/browser.js';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, memberOf, waitFor, type Registered } from '../helpers/employers.js';
import { dayAhead } from '../helpers/presentations.js';

// <xz-presentation-list> embedded the way a school embeds it: on a page of its own website (an origin registered in
// tenants/nju.json, served here by Chromium's request interception), loading the bundle and the public API from the
// platform cross-origin. Each test run uses a day of its own so other tests' sessions stay out of the window.

const NJU_ORIGIN = 'https://www.nju.edu.cn';

interface Arranged {
  date: string;
  offline: number;
  online: number;
  pending: number;
  nextDay: number;
  titles: Record<'offline' | 'online' | 'pending' | 'nextDay', string>;
  employer: Registered;
}

async function arrange(): Promise<Arranged> {
  const employer = await memberOf(['nju']);
  const staff = await staffToken('nju.admin');
  const room = json<{ id: number; name: string }>(
    await inject({
      method: 'POST',
      url: '/api/v1/admin/sites/nju/rooms',
      headers: bearer(staff),
      payload: {
        name: `组件厅 ${Math.random().toString(36).slice(2, 8)}`,
        building: '鼓楼校区 逸夫馆',
        capacity: 150,
      },
    }),
  );
  const date = await dayAhead(40 + Math.floor(Math.random() * 300));
  const next = new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const tag = Math.random().toString(36).slice(2, 8);
  const titles = {
    offline: `线下宣讲 ${tag}`,
    online: `空中宣讲 ${tag}`,
    pending: `待审宣讲 ${tag}`,
    nextDay: `次日宣讲 ${tag}`,
  };
  const apply = async (
    title: string,
    day: string,
    from: string,
    to: string,
    online: boolean,
    approve: boolean,
  ) => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/employer/presentations',
      headers: bearer(employer.token),
      payload: {
        siteSlug: 'nju',
        mode: online ? 'online' : 'offline',
        roomId: online ? null : room.id,
        liveUrl: online ? 'https://live.example.com/xz-widget' : null,
        title,
        startsAt: `${day}T${from}:00+08:00`,
        endsAt: `${day}T${to}:00+08:00`,
        description: '招聘简章',
        jobIds: [],
        contacts: [{ name: '王五', phone: '13812345678' }],
      },
    });
    expect(res.statusCode, res.payload).to.equal(201);
    const id = json<{ id: number }>(res).id;
    if (approve) {
      const { app } = await getDeployment();
      const review = await app.db('reviews').where({ subject_type: 'presentation', subject_id: id }).first();
      const decided = await inject({
        method: 'POST',
        url: `/api/v1/admin/reviews/${review.id}/decision`,
        headers: bearer(staff),
        payload: { decision: 'approve' },
      });
      expect(decided.statusCode, decided.payload).to.equal(200);
    }
    return id;
  };
  return {
    date,
    offline: await apply(titles.offline, date, '10:00', '11:30', false, true),
    online: await apply(titles.online, date, '14:00', '15:00', true, true),
    pending: await apply(titles.pending, date, '16:00', '17:00', false, false),
    nextDay: await apply(titles.nextDay, next, '10:00', '11:00', false, true),
    titles,
    employer,
  };
}

/** Title, link, mode and text of the sessions a list shows (Playwright's CSS locators pierce its shadow root). */
function shown(list: Locator) {
  return list.locator('[part~="item"]').evaluateAll((items) =>
    items.map((item) => {
      const a = item.querySelector<HTMLAnchorElement>('[part~="title"] a');
      return {
        title: a?.textContent?.trim() ?? '',
        href: a?.href ?? '',
        mode: item.getAttribute('data-mode'),
        text: item.textContent?.replace(/\s+/g, ' ') ?? '',
      };
    }),
  );
}

async function settled(list: Locator, what: string) {
  await waitFor(
    what,
    async () =>
      (await list
        .locator('[part~="base"]')
        .getAttribute('aria-busy')
        .catch(() => null)) === 'false',
    15_000,
  );
}

describe('e2e: <xz-presentation-list> on a school’s own website in Chromium', function () {
  this.timeout(90_000);
  let browser: Browser;
  let base: string;
  let a: Arranged;

  useChromium((b, url) => {
    browser = b;
    base = url;
  });

  before(async function () {
    this.timeout(60_000);
    a = await arrange();
  });

  /** A page of www.nju.edu.cn embedding the lists, as the snippet of the 嵌入代码 page has it. */
  async function schoolPage(lists: string): Promise<{ page: Page; errors: string[]; cors: string[] }> {
    // The platform runs on loopback here; a public school page reaching a loopback address needs Chromium's
    // local-network-access permission (in production both are public and no permission is involved).
    const context = await browser.newContext({ viewport: { width: 375, height: 900 } });
    await context.grantPermissions(['local-network-access'], { origin: NJU_ORIGIN });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const cors: string[] = [];
    page.on('response', (res) => {
      if (res.url().includes('/api/v1/public/sites/nju/presentations'))
        cors.push(`${res.status()} ${res.headers()['access-control-allow-origin'] ?? '-'}`);
    });
    await page.route(`${NJU_ORIGIN}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>南京大学就业网</title></head><body>
<script type="module" src="${base}/widgets/v1/xiaozhao.js"></script>
${lists}
<noscript><a href="https://nju.example/presentations">查看宣讲会</a></noscript>
</body></html>`,
      }),
    );
    await page.goto(`${NJU_ORIGIN}/jyw/xjh.html`);
    return { page, errors, cors };
  }

  it('shows the approved sessions of the day, not the pending one, each linking to its page on the school’s site', async () => {
    const { app } = await getDeployment();
    const nju = app.sites.get('nju')!;
    const { page, errors, cors } = await schoolPage(
      `<xz-presentation-list id="day" site="nju" from="${a.date}" to="${a.date}" limit="50"></xz-presentation-list>`,
    );
    const list = page.locator('#day');
    await settled(list, 'the day’s sessions');
    const items = await shown(list);
    const mine = items.filter((i) => Object.values(a.titles).includes(i.title));
    expect(mine.map((i) => i.title)).to.deep.equal([a.titles.offline, a.titles.online]);
    expect(mine.map((i) => i.href)).to.deep.equal([
      `${nju.url}presentations/${a.offline}`,
      `${nju.url}presentations/${a.online}`,
    ]);
    expect(mine[0]!.text)
      .to.include(a.employer.name)
      .and.include('线下宣讲会')
      .and.include('鼓楼校区 逸夫馆');
    expect(mine[0]!.text).to.include('10:00–11:30');
    expect(mine[1]!.text).to.include('空中宣讲会').and.include('线上直播').and.include('14:00–15:00');
    // Every item is an approved session of nju that day (the public API's own answer, in the same order).
    const api = json<{ items: { id: number; title: string }[] }>(
      await inject(`/api/v1/public/sites/nju/presentations?from=${a.date}&to=${a.date}`),
    );
    expect(items.map((i) => i.title)).to.deep.equal(api.items.map((p) => p.title));
    expect(items.map((i) => i.title))
      .to.not.include(a.titles.pending)
      .and.not.include(a.titles.nextDay);

    expect(await list.locator('[part~="more"]').getAttribute('href')).to.equal(`${nju.url}presentations`);
    expect(await list.locator('[part~="calendar"]').getAttribute('href')).to.equal(
      `${base}/api/v1/public/sites/nju/presentations.ics`,
    );
    // Loaded cross-origin from the school's page: the public API let the browser read it.
    expect(cors).to.include('200 *');
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(widths[0]).to.be.at.most(widths[1]!);
    expect(errors).to.deep.equal([]);
    await page.context().close();
  });

  it('filters by mode and by a days window given in attributes', async () => {
    const { page, errors } = await schoolPage(
      [
        `<xz-presentation-list id="online" site="nju" from="${a.date}" days="1" mode="online" limit="50"></xz-presentation-list>`,
        `<xz-presentation-list id="offline" site="nju" from="${a.date}" days="2" mode="offline" limit="50"></xz-presentation-list>`,
      ].join('\n'),
    );
    const online = page.locator('#online');
    const offline = page.locator('#offline');
    await settled(online, 'the online list');
    await settled(offline, 'the offline list');
    const onlineItems = await shown(online);
    const offlineItems = await shown(offline);
    expect(onlineItems.map((i) => i.mode)).to.satisfy((m: string[]) => m.every((x) => x === 'online'));
    expect(offlineItems.map((i) => i.mode)).to.satisfy((m: string[]) => m.every((x) => x === 'offline'));
    const titles = (items: { title: string }[]) =>
      items.map((i) => i.title).filter((t) => Object.values(a.titles).includes(t));
    expect(titles(onlineItems)).to.deep.equal([a.titles.online]);
    expect(titles(offlineItems)).to.deep.equal([a.titles.offline, a.titles.nextDay]);

    // Changing the attribute reloads: the online list without a mode shows both of the day.
    await online.evaluate((el) => el.removeAttribute('mode'));
    await waitFor('both modes after removing mode', async () =>
      (await shown(online)).some((i) => i.title === a.titles.offline),
    );
    expect(titles(await shown(online))).to.deep.equal([a.titles.offline, a.titles.online]);
    expect(errors).to.deep.equal([]);
    await page.context().close();
  });

  it('says so when the window holds no session', async () => {
    const far = new Date(Date.parse(`${a.date}T12:00:00Z`) + 400 * 86_400_000).toISOString().slice(0, 10);
    const { page, errors } = await schoolPage(
      `<xz-presentation-list id="none" site="nju" from="${far}" to="${far}"></xz-presentation-list>`,
    );
    const list = page.locator('#none');
    await settled(list, 'an empty window');
    expect(((await list.locator('[part~="empty"]').textContent()) ?? '').trim()).to.equal('近期没有宣讲会');
    expect(errors).to.deep.equal([]);
    await page.context().close();
  });
});

describe('the public info-sessions API for an embedding origin', () => {
  it('answers a registered widget origin (and any other) with a readable response, without credentials', async () => {
    for (const url of [
      '/api/v1/public/sites/nju/presentations?mode=online',
      '/api/v1/public/sites/nju/presentations.ics',
    ]) {
      const res = await inject({ url, headers: { origin: NJU_ORIGIN } });
      expect(res.statusCode, url).to.equal(200);
      expect(res.headers['access-control-allow-origin'], url).to.equal('*');
      expect(res.headers['access-control-allow-credentials'], url).to.equal(undefined);
    }
    const preflight = await inject({
      method: 'OPTIONS',
      url: '/api/v1/public/sites/nju/presentations',
      headers: { origin: NJU_ORIGIN, 'access-control-request-method': 'GET' },
    });
    expect(preflight.statusCode).to.equal(204);
    expect(preflight.headers['access-control-allow-origin']).to.equal('*');
  });
});

describe('widget demo page: 宣讲会列表', () => {
  it('shows the snippet with its <noscript> link to the school’s 宣讲会 page, and the live lists', async () => {
    const { app } = await getDeployment();
    const res = await inject('/widgets/demo?site=nju');
    expect(res.statusCode).to.equal(200);
    const url = `${app.sites.get('nju')!.url}presentations`;
    expect(res.payload).to.include(
      '&lt;xz-presentation-list site="nju" days="14"&gt;&lt;/xz-presentation-list&gt;',
    );
    expect(res.payload).to.include(
      `&lt;noscript&gt;&lt;a href="${url}"&gt;查看宣讲会&lt;/a&gt;&lt;/noscript&gt;`,
    );
    expect(res.payload).to.match(
      new RegExp(
        `<xz-presentation-list id="demo-presentations" site="nju" days="14"></xz-presentation-list>\\s*<noscript><a href="${url}">查看宣讲会</a></noscript>`,
      ),
    );
    expect(res.payload).to.include(
      '<xz-presentation-list id="demo-presentations-online" site="nju" mode="online">',
    );
  });
});
