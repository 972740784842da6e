import { expect } from 'chai';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer } from '../helpers/employers.js';
import { get, Jar, submit } from '../helpers/pages.js';

const put = async (slug: string, payload: object) =>
  inject({
    method: 'PUT',
    url: `/api/v1/admin/sites/${slug}/settings`,
    headers: bearer(await staffToken(`${slug}.admin`)),
    payload,
  });

async function staffJar(username: string): Promise<Jar> {
  const { app } = await getDeployment();
  const { payload } = await app.services.staff!.login(username, 'xiaozhao-demo', '127.0.0.1');
  const jar = new Jar();
  jar.cookies.set('xz_staff', app.principals.sign(payload));
  return jar;
}

const fieldError = (html: string, id: string) =>
  new RegExp(`<p class="xz-error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1];

const ENGLISH = /fails to match|must be|is not allowed|"employerTags|\[\d+\]/;

describe('站点设置 says what is wrong, in Chinese, naming the field', () => {
  it('names the tag, origin, colour and row of every refused value (API)', async () => {
    const { app } = await getDeployment();
    const site = app.sites.get('cczu')!;
    const cases: [object, string, string][] = [
      [
        {
          employerTags: [
            { id: 'partner', name: '战略合作单位' },
            { id: '重点', name: '重点单位' },
          ],
        },
        'employerTags.1.id',
        '第 2 个单位标记的标识只能包含小写字母、数字和连字符（如 key-partner）',
      ],
      [
        {
          employerTags: [
            { id: 'partner', name: '战略合作单位' },
            { id: 'partner', name: '另一个' },
          ],
        },
        'employerTags.1',
        '第 2 个单位标记的标识与第 1 个重复',
      ],
      [{ employerTags: [{ id: 'vip', name: '' }] }, 'employerTags.0.name', '第 1 个单位标记的名称不能为空'],
      [
        { widgetOrigins: ['https://www.cczu.edu.cn', 'https://www.cczu.edu.cn/jobs'] },
        'widgetOrigins.1',
        '第 2 个嵌入来源“https://www.cczu.edu.cn/jobs”应只写协议和域名，如 https://www.example.edu.cn（不带路径）',
      ],
      [
        { theme: { name: site.theme.name, settings: { primaryColor: 'blue' } } },
        'theme.settings.primaryColor',
        '主色应为 # 加 6 位十六进制数，如 #1f5fa8',
      ],
      [{ theme: { name: 'nope', settings: {} } }, 'theme.name', '主题：未安装的主题“nope”'],
    ];
    for (const [payload, path, message] of cases) {
      const res = await put('cczu', payload);
      expect(res.statusCode, path).to.equal(400);
      const body = json<{ code: string; message: string; details: { path: string; message: string }[] }>(res);
      expect(body.code).to.equal('VALIDATION');
      expect(body.details, JSON.stringify(body.details)).to.deep.include({ path, message });
      for (const d of body.details) expect(d.message, d.path).to.not.match(ENGLISH);
    }
    expect(await app.db('site_settings').where({ site_id: site.id })).to.have.length(0);
  });

  it('shows the message next to the row of the form, counting the rows of the page', async () => {
    const jar = await staffJar('cczu.admin');
    const res = await submit(
      '/s/cczu/admin/settings',
      '/s/cczu/admin/settings',
      {
        section: 'tags',
        'tags.0.id': 'partner',
        'tags.0.name': '战略合作单位',
        'tags.1.id': '',
        'tags.1.name': '',
        'tags.2.id': '重点',
        'tags.2.name': '重点单位',
      },
      jar,
    );
    expect(res.statusCode).to.equal(400);
    const text = '第 3 个单位标记的标识只能包含小写字母、数字和连字符（如 key-partner）';
    expect(fieldError(res.payload, 'xz-s-tags-2-id')).to.equal(text);
    expect(res.payload).to.include(`href="#xz-s-tags-2-id">${text}</a>`);
    expect(res.payload).to.include('value="重点"');
    expect(res.payload).to.not.match(ENGLISH);
  });
});

describe('修改记录 shows what changed: field, old value, new value', () => {
  it('records the options of a review policy and a colour as before/after rows (API and page)', async () => {
    const { app } = await getDeployment();
    const site = app.sites.get('cxxy')!;
    const colour = String(site.theme.settings.primaryColor);
    const res = await put('cxxy', {
      theme: { name: site.theme.name, settings: { ...site.theme.settings, primaryColor: '#123456' } },
      reviewPolicies: {
        job: {
          plugin: 'review-policy-content-screen',
          options: { onMatch: 'hold', whenClean: 'approve', requireCertifiedOnMain: true, words: ['限男性'] },
        },
      },
    });
    expect(res.statusCode, res.payload).to.equal(200);
    const audit = json<{ items: { diff: { field: string; label: string; old: string; new: string }[] }[] }>(
      await inject({
        url: '/api/v1/admin/sites/cxxy/settings/audit',
        headers: bearer(await staffToken('cxxy.admin')),
      }),
    );
    const diff = audit.items[0]!.diff;
    expect(diff).to.deep.include({
      field: 'theme.settings.primaryColor',
      label: '主色',
      old: colour,
      new: '#123456',
    });
    expect(diff).to.deep.include({
      field: 'reviewPolicies.job.options.onMatch',
      label: '招聘职位·命中时的处理',
      old: '自动驳回',
      new: '转人工审核',
    });
    expect(diff.find((d) => d.field === 'reviewPolicies.job.options.words')).to.include({ new: '限男性' });
    expect(diff.map((d) => d.field)).to.not.include('reviewPolicies.job.plugin');

    const page = await get('/s/cxxy/admin/settings/audit', await staffJar('cxxy.admin'));
    expect(page.statusCode).to.equal(200);
    expect(page.payload).to.match(
      /<tr data-field="reviewPolicies\.job\.options\.onMatch"><th scope="row" data-label="项目">招聘职位·命中时的处理<\/th><td data-label="修改前" class="xz-audit__old"><del>自动驳回<\/del><\/td><td data-label="修改后" class="xz-audit__new"><ins>转人工审核<\/ins><\/td><\/tr>/,
    );
    expect(page.payload).to.include('<ins>#123456</ins>');
    expect(page.payload).to.not.include('选项已修改');
  });
});
