// Regions are chosen from the GB/T 2260 list and read as names: the data module (every province, city and county),
// the code check of PUT /api/v1/employer, the profile page's grouped select and the name staff see in review.
import { expect } from 'chai';
import {
  isRegionCode,
  parentRegion,
  regionFullName,
  regionGroups,
  regionName,
  regionPath,
} from '../../core/regions.js';
import { GB2260 } from '../../core/regions-gb2260.js';
import type { Browser } from 'playwright-core';
import { fieldLabel, useChromium, watchErrors } from '../helpers/browser.js';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, COMPLETE_PROFILE, PDF, registerEmployer, uploadFile } from '../helpers/employers.js';
import { Jar } from '../helpers/pages.js';

describe('GB/T 2260 regions', () => {
  describe('the data module', () => {
    it('holds every province-level division, prefecture-level city and county-level division', () => {
      expect(GB2260.size).to.be.above(3000);
      const provinces = [...GB2260.keys()].filter((c) => c.endsWith('0000'));
      expect(provinces).to.have.length(34);
      expect(GB2260.get('320505')).to.equal('虎丘区');
      expect(GB2260.get('320500')).to.equal('苏州市');
      expect(GB2260.get('321302')).to.equal('宿城区');
      expect([...GB2260.keys()].every((c) => /^\d{6}$/.test(c))).to.equal(true);
      expect(GB2260.has('110100'), 'placeholder 市辖区').to.equal(false);
    });

    it('names a division in full, through its city and province', () => {
      expect(regionFullName('320505')).to.equal('江苏省苏州市虎丘区');
      expect(regionFullName('320500')).to.equal('江苏省苏州市');
      expect(regionFullName('320000')).to.equal('江苏省');
      expect(regionFullName('110101')).to.equal('北京市东城区');
      expect(regionFullName('429004')).to.equal('湖北省仙桃市');
      expect(regionFullName('999999')).to.equal('999999');
      expect(regionFullName(null)).to.equal('');
      expect(regionPath('320505')).to.deep.equal(['320000', '320500', '320505']);
      expect(parentRegion('110101')).to.equal('110000');
      expect(regionName('320505')).to.equal('虎丘区');
    });

    it('accepts only codes of the list', () => {
      expect(isRegionCode('320505')).to.equal(true);
      expect(isRegionCode('320599')).to.equal(false);
      expect(isRegionCode('3205')).to.equal(false);
      expect(isRegionCode(320505)).to.equal(false);
    });

    it('groups every division by province for one select, marking the chosen one', () => {
      const groups = regionGroups('320505');
      expect(groups).to.have.length(34);
      expect(groups.reduce((n, g) => n + g.options.length, 0)).to.equal(GB2260.size);
      const jiangsu = groups.find((g) => g.code === '320000')!;
      expect(jiangsu.options[0]).to.include({ value: '320000', label: '江苏省（全省）', level: 1 });
      expect(jiangsu.options.find((o) => o.value === '320505')).to.deep.equal({
        value: '320505',
        label: '苏州市虎丘区',
        name: '虎丘区',
        level: 3,
        parent: '320500',
        selected: true,
      });
      expect(jiangsu.options.filter((o) => o.selected)).to.have.length(1);
      expect(regionGroups(undefined).some((g) => g.options.some((o) => o.selected))).to.equal(false);
    });
  });

  describe('employer profile', () => {
    it('refuses a 6-digit code that is not a division, in Chinese, and keeps a valid one with its name', async () => {
      const reg = await registerEmployer();
      const bad = await inject({
        method: 'PUT',
        url: '/api/v1/employer',
        headers: bearer(reg.token),
        payload: { regionCode: '320599' },
      });
      expect(bad.statusCode).to.equal(400);
      expect(json<{ details: { path: string; message: string }[] }>(bad).details).to.deep.include({
        path: 'regionCode',
        message: '行政区划代码不在 GB/T 2260 列表中，请从列表中选择所在地区',
      });
      const good = await inject({
        method: 'PUT',
        url: '/api/v1/employer',
        headers: bearer(reg.token),
        payload: { regionCode: '320505' },
      });
      expect(good.statusCode, good.payload).to.equal(200);
      const { app } = await getDeployment();
      const row = await app.db('employers').where({ id: reg.employerId }).first('region_code');
      expect(row.region_code).to.equal('320505');
      const me = json<{ regionCode: string; regionName: string }>(
        await inject({ url: '/api/v1/employer', headers: bearer(reg.token) }),
      );
      expect(me).to.include({ regionCode: '320505', regionName: '江苏省苏州市虎丘区' });
    });

    it('offers the divisions as a select grouped by province on the profile page', async () => {
      const { app } = await getDeployment();
      const reg = await registerEmployer();
      await inject({
        method: 'PUT',
        url: '/api/v1/employer',
        headers: bearer(reg.token),
        payload: { regionCode: '320505' },
      });
      const account = await app.db('employer_accounts').where({ id: reg.accountId }).first();
      const jar = new Jar();
      jar.cookies.set('xz_employer', app.principals.sign(app.services.accounts!.payload(account)));
      const res = await inject({
        url: '/employer/profile',
        headers: { accept: 'text/html', cookie: jar.header() },
      });
      expect(res.statusCode).to.equal(200);
      const select = /<select[^>]*name="regionCode"[^>]*>([\s\S]*?)<\/select>/.exec(res.payload)![1]!;
      expect(select).to.include('<optgroup label="江苏省">');
      expect(select).to.include(
        '<option value="320505" data-name="虎丘区" data-level="3" data-parent="320500" selected>苏州市虎丘区</option>',
      );
      expect(select).to.include(
        '<option value="110101" data-name="东城区" data-level="2" data-parent="110000">东城区</option>',
      );
      expect(res.payload).not.to.include('inputmode="numeric" pattern="\\d{6}"');
    });
  });

  describe('staff review', () => {
    it('shows the employer’s region by name, not as a bare code', async () => {
      const { app } = await getDeployment();
      const reg = await registerEmployer();
      const file = json<{ id: string }>(await uploadFile(reg.token, PDF));
      const saved = await inject({
        method: 'PUT',
        url: '/api/v1/employer',
        headers: bearer(reg.token),
        payload: { ...COMPLETE_PROFILE, regionCode: '320505', authorizationLetterFileId: file.id },
      });
      expect(saved.statusCode, saved.payload).to.equal(200);
      const review = await app
        .db('reviews')
        .where({
          site_id: app.sites.get('main')!.id,
          employer_id: reg.employerId,
          subject_type: 'membership',
        })
        .first('id');
      const res = await inject({
        url: `/admin/reviews/${review.id}`,
        headers: { accept: 'text/html', cookie: `xz_staff=${await staffToken('main.admin')}` },
      });
      expect(res.statusCode).to.equal(200);
      expect(res.payload).to.include(
        '<dt>所在地区</dt><dd>江苏省苏州市虎丘区 <small class="xz-muted xz-mono">320505</small></dd>',
      );
    });
  });

  describe('in Chromium', function () {
    this.timeout(90_000);
    let browser: Browser;
    let base: string;
    useChromium((b, url) => {
      browser = b;
      base = url;
    });

    it('turns the select into 省 → 市 → 区县 selects that fill the code of the deepest choice', async () => {
      const { app } = await getDeployment();
      const reg = await registerEmployer();
      const account = await app.db('employer_accounts').where({ id: reg.accountId }).first();
      const context = await browser.newContext();
      await context.addCookies([
        {
          name: 'xz_employer',
          value: app.principals.sign(app.services.accounts!.payload(account)),
          url: base,
        },
      ]);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${base}/employer/profile`);
      const field = page.locator('[data-xz-region]');
      await page.locator('[data-xz-region][data-enhanced]').waitFor();
      const code = page.locator('select[name="regionCode"]');
      expect(await code.isHidden()).to.equal(true);
      await page.getByLabel(fieldLabel('所在地区')).selectOption({ label: '江苏省' });
      await field.getByLabel('城市').selectOption({ label: '苏州市' });
      expect(await code.inputValue()).to.equal('320500');
      await field.getByLabel('区县').selectOption({ label: '虎丘区' });
      expect(await code.inputValue()).to.equal('320505');
      await field.getByLabel('城市').selectOption({ label: '（不限城市）' });
      expect(await code.inputValue()).to.equal('320000');
      expect(await field.getByLabel('区县').isHidden()).to.equal(true);
      expect(errors).to.deep.equal([]);
      await context.close();
    });
  });
});
