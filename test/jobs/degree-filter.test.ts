// The degree filter of the job listings answers "what can a graduate of this degree apply to": a job's degree is its
// minimum, so 本科 lists the jobs asking 学历不限, 大专 or 本科 (filtering by 本科 used to hide every 学历不限 job).
// The API, the listing page and the widget (which calls the API) agree.
import { expect } from 'chai';
import { degreesOpenTo } from '../../plugins/postings/vocab.js';
import { inject, json } from '../helpers/deployment.js';
import { memberOf } from '../helpers/employers.js';
import { approveJobs, createJob } from '../helpers/jobs.js';

/** A school no other test file uses. */
const SITE = 'cztgi';
const keyword = `学历筛选${process.pid}`;

const ids: Record<string, number> = {};

async function apiIds(degree: string): Promise<number[]> {
  const res = await inject(
    `/api/v1/public/sites/${SITE}/jobs?q=${encodeURIComponent(keyword)}&degree=${encodeURIComponent(degree)}&pageSize=100`,
  );
  expect(res.statusCode, res.payload).to.equal(200);
  return json<{ items: { id: number }[] }>(res)
    .items.map((i) => i.id)
    .sort((a, b) => a - b);
}

async function pageIds(degree: string): Promise<{ ids: number[]; html: string }> {
  const res = await inject({
    url: `/s/${SITE}/jobs?q=${encodeURIComponent(keyword)}&degree=${encodeURIComponent(degree)}`,
    headers: { accept: 'text/html' },
  });
  expect(res.statusCode).to.equal(200);
  return {
    ids: [...res.payload.matchAll(/data-job-id="(\d+)"/g)].map((m) => Number(m[1])).sort((a, b) => a - b),
    html: res.payload,
  };
}

const of = (...degrees: string[]) => degrees.map((d) => ids[d]!).sort((a, b) => a - b);

describe('degree filter of the job listings', () => {
  before(async function () {
    this.timeout(120_000);
    const reg = await memberOf([SITE]);
    for (const degree of ['不限', '大专', '本科', '硕士', '博士'])
      ids[degree] = (await createJob(reg, { title: `${keyword}${degree}`, degree, siteSlugs: [SITE] })).id;
    await approveJobs(SITE, reg);
  });

  it('orders the requirements a degree meets', () => {
    expect(degreesOpenTo('不限')).to.deep.equal(['不限']);
    expect(degreesOpenTo('大专')).to.deep.equal(['不限', '大专']);
    expect(degreesOpenTo('本科')).to.deep.equal(['不限', '大专', '本科']);
    expect(degreesOpenTo('博士')).to.deep.equal(['不限', '大专', '本科', '硕士', '博士']);
  });

  it('lists for a degree every job open to it, 学历不限 included, in the API and on the page', async () => {
    const cases: [string, number[]][] = [
      ['本科', of('不限', '大专', '本科')],
      ['大专', of('不限', '大专')],
      ['硕士', of('不限', '大专', '本科', '硕士')],
      ['博士', of('不限', '大专', '本科', '硕士', '博士')],
      ['不限', of('不限')],
    ];
    for (const [degree, expected] of cases) {
      expect(await apiIds(degree), degree).to.deep.equal(expected);
      expect((await pageIds(degree)).ids, degree).to.deep.equal(expected);
    }
  });

  it('tells on the page what the filter means and keeps the choice', async () => {
    const { html } = await pageIds('本科');
    expect(html).to.include('<option value="本科" selected>本科</option>');
    expect(html).to.include('显示该学历可以投递的职位（含学历不限）');
  });

  it('refuses a degree outside the list with 400', async () => {
    const res = await inject(`/api/v1/public/sites/${SITE}/jobs?degree=${encodeURIComponent('中专')}`);
    expect(res.statusCode).to.equal(400);
  });
});
