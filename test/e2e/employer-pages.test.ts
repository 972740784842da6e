import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { usccCheckChar } from '../../core/identifiers.js';
import { fieldLabel as field, useChromium, watchErrors } from '../helpers/browser.js';

// Phones 13766009xxx belong to this file.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function validUscc(): string {
  let org = '';
  for (let i = 0; i < 9; i += 1) org += CHARS[Math.floor(Math.random() * CHARS.length)];
  const first17 = `91320100${org}`;
  return first17 + usccCheckChar(first17);
}

describe('e2e: employer registration and login in Chromium', function () {
  this.timeout(90_000);
  let browser: Browser;
  let base: string;

  useChromium((b, url) => {
    browser = b;
    base = url;
  });

  async function smsCode(phone: string): Promise<string> {
    const until = Date.now() + 10_000;
    for (;;) {
      const res = await fetch(`${base}/api/v1/dev/sms?phone=${phone}`);
      const { items } = (await res.json()) as { items: { code: string | null; purpose: string }[] };
      const code = items.find((i) => i.purpose === 'register')?.code;
      if (code) return code;
      if (Date.now() > until) throw new Error(`no SMS code for ${phone}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('registers with an SMS code, lands on the profile, logs out and logs in again', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const phone = `137660090${String(Date.now() % 100).padStart(2, '0')}`;
    const name = `浏览器测试${Date.now() % 100000}信息技术有限公司`;
    const password = 'browser123';

    await page.goto(`${base}/s/nju/employer/register`);
    expect(await page.locator('body').getAttribute('data-theme')).to.equal('classic');
    await page.getByLabel(field('单位名称')).fill(name);
    await page.getByLabel(field('统一社会信用代码')).fill(validUscc());
    await page.getByLabel(field('联系人')).fill('周经理');
    await page.getByLabel(field('联系人手机')).fill(phone);
    await page.getByLabel(field('密码')).fill(password);
    await page.getByLabel(field('确认密码')).fill(password);
    await page.getByLabel('是，同步开启网上签约').check();

    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送').waitFor();
    expect(page.url()).to.equal(`${base}/s/nju/employer/register`);
    expect(await page.getByLabel(field('单位名称')).inputValue()).to.equal(name);
    expect(await page.getByLabel('是，同步开启网上签约').isChecked()).to.equal(true);
    expect(await page.getByLabel(field('密码')).inputValue()).to.equal(password);

    await page.getByLabel(field('短信验证码')).fill(await smsCode(phone));
    await Promise.all([
      page.waitForURL('**/s/nju/employer/profile?done=registered'),
      page.getByRole('button', { name: '注册', exact: true }).click(),
    ]);
    await page.getByRole('heading', { name: '单位信息维护' }).waitFor();
    expect(await page.locator('.xz-centre__name').textContent()).to.equal(name);
    expect(await page.getByRole('status').first().textContent()).to.include('注册成功');
    expect(await page.getByRole('link', { name: /单位注册和网上签约授权委托书/ }).count()).to.equal(1);

    await Promise.all([
      page.waitForURL('**/s/nju/employer/login?done=logout'),
      page.getByRole('button', { name: '退出' }).click(),
    ]);
    await page.getByText('您已安全退出').waitFor();

    await page.getByLabel(field('手机号')).fill(phone);
    await page.getByLabel(field('密码')).fill(password);
    await Promise.all([
      page.waitForURL(`${base}/s/nju/employer`),
      page.getByRole('button', { name: '登录', exact: true }).click(),
    ]);
    await page.getByRole('heading', { name: '单位中心首页' }).waitFor();
    expect(await page.locator('.xz-centre__name').textContent()).to.equal(name);
    expect(
      await page
        .getByRole('navigation', { name: '单位中心' })
        .getByRole('link', { name: '首页' })
        .getAttribute('aria-current'),
    ).to.equal('page');
    expect(await page.getByText('未认证').count()).to.be.greaterThan(0);

    expect(errors).to.deep.equal([]);
    await context.close();
  });
});
