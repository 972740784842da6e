import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { createFair, HOUR, iso } from '../helpers/fairs.js';

const html = { accept: 'text/html' };

describe('main site 招聘会: the fairs its schools publish', () => {
  it('lists the fairs of nju and cpu on main /fairs with the holding school, and not the ones that are over', async () => {
    const { app } = await getDeployment();
    const nju = app.sites.get('nju')!;
    const cpu = await createFair('cpu');
    const njuFairs = (await app.db('fairs').where({ site_id: nju.id }).where('ends_at', '>', new Date())) as {
      id: number;
      title: string;
    }[];
    expect(njuFairs.length, 'the nju demo has upcoming fairs').to.be.greaterThan(0);
    const now = Date.now();
    const past = await createFair('cpu', {
      startsAt: iso(now - 30 * HOUR),
      endsAt: iso(now - 20 * HOUR),
      bookingOpensAt: iso(now - 60 * HOUR),
      bookingClosesAt: iso(now - 40 * HOUR),
    });

    const res = await inject({ url: '/fairs', headers: html });
    expect(res.statusCode).to.equal(200);
    expect(res.payload).to.not.include('近期没有招聘会');
    for (const f of njuFairs) expect(res.payload).to.include(`href="/fairs/${f.id}"`);
    expect(res.payload).to.include(`href="/fairs/${cpu.id}"`);
    expect(res.payload).to.include('举办学校：南京大学');
    expect(res.payload).to.include(`举办学校：${app.sites.get('cpu')!.name}`);
    expect(res.payload).to.not.include(past.title);

    // A school still lists only its own.
    const school = await inject({ url: '/s/nju/fairs', headers: html });
    expect(school.payload).to.not.include(cpu.title);
    expect(school.payload).to.not.include('举办学校：');
  });

  it('shows a school’s fair on main /fairs/{id} with its booth map and a link to the school’s page', async () => {
    const { app } = await getDeployment();
    const nju = app.sites.get('nju')!;
    const first = (await app.db('fairs').where({ site_id: nju.id }).orderBy('id').first('id', 'title'))!;
    const res = await inject({ url: `/fairs/${first.id}`, headers: html });
    expect(res.statusCode).to.equal(200);
    expect(res.payload).to.include(first.title);
    expect(res.payload).to.include('南京大学');
    expect(res.payload).to.include('data-booth=');
    expect(res.payload).to.include(`href="${nju.url}fairs/${first.id}"`);
    // A school's fair stays off another school's site; an unknown fair is 404 on main.
    expect((await inject({ url: `/s/seu/fairs/${first.id}`, headers: html })).statusCode).to.equal(404);
    expect((await inject({ url: '/fairs/99999999', headers: html })).statusCode).to.equal(404);
  });

  it('answers GET /api/v1/public/sites/main/fairs with every school’s upcoming fairs', async () => {
    const { app } = await getDeployment();
    const cpu = await createFair('cpu');
    const res = await inject('/api/v1/public/sites/main/fairs');
    expect(res.statusCode).to.equal(200);
    const { items } = json<{ items: { id: number; site: { slug: string } }[] }>(res);
    expect(items.find((f) => f.id === cpu.id)?.site.slug).to.equal('cpu');
    expect(items.some((f) => f.site.slug === 'nju')).to.equal(true);
    const one = json<{ items: { site: { slug: string } }[] }>(await inject('/api/v1/public/sites/nju/fairs'));
    expect(one.items.every((f) => f.site.slug === 'nju')).to.equal(true);
    expect(app.sites.get('main')!.isMain).to.equal(true);
  });

  it('gives portals fairs.upcomingForSite(site, limit): id, title, dates, school and the page on that site', async () => {
    const { app } = await getDeployment();
    const main = app.sites.get('main')!;
    const nju = app.sites.get('nju')!;
    const fromMain = await app.services.fairs!.upcomingForSite('main', 50);
    const njuFair = fromMain.find((f) => f.site.slug === 'nju')!;
    expect(njuFair, 'an nju fair on main').to.not.equal(undefined);
    expect(njuFair.schoolName).to.equal('南京大学');
    expect(njuFair.url).to.equal(`${main.url}fairs/${njuFair.id}`);
    expect(njuFair.dates).to.match(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 至 /);
    expect(new Date(njuFair.startsAt).getTime()).to.be.a('number');
    const starts = fromMain.map((f) => new Date(f.startsAt).getTime());
    expect(starts).to.deep.equal([...starts].sort((a, b) => a - b));

    const fromNju = await app.services.fairs!.upcomingForSite(nju, 1);
    expect(fromNju).to.have.length(1);
    expect(fromNju[0]!.url).to.equal(`${nju.url}fairs/${fromNju[0]!.id}`);
    const page = await inject({ url: `/s/nju/fairs/${fromNju[0]!.id}`, headers: html });
    expect(page.statusCode).to.equal(200);
  });
});
