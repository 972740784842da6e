import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { registerEmployer } from '../helpers/employers.js';
import { fieldLabel as field, useChromium, watchErrors } from '../helpers/browser.js';

describe('e2e: 获取验证码 in Chromium', function () {
  this.timeout(90_000);
  let browser: Browser;
  let base: string;

  useChromium((b, url) => {
    browser = b;
    base = url;
  });

  async function outboxCode(phone: string): Promise<string> {
    const until = Date.now() + 10_000;
    for (;;) {
      const res = await fetch(`${base}/api/v1/dev/sms?phone=${phone}`);
      const { items } = (await res.json()) as { items: { code: string | null; purpose: string }[] };
      const code = items.find((i) => i.purpose === 'reset')?.code;
      if (code) return code;
      if (Date.now() > until) throw new Error(`no SMS code for ${phone}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('sends the code in place on 找回密码, keeps what was typed, counts down, then resets', async () => {
    const employer = await registerEmployer();
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);

    await page.goto(`${base}/s/seu/employer/login`);
    await Promise.all([
      page.waitForURL(`${base}/s/seu/employer/password-reset`),
      page.getByRole('link', { name: '忘记密码？' }).click(),
    ]);
    await page.getByLabel(field('手机号')).fill(employer.phone);
    await page.getByLabel(field('新密码')).fill('browser456');
    await page.getByLabel(field('确认新密码')).fill('browser456');

    const send = page.locator('[data-xz-sms-send]');
    await send.click();
    await page.getByText('验证码已发送').waitFor();
    expect(page.url()).to.equal(`${base}/s/seu/employer/password-reset`);
    expect(await page.getByLabel(field('手机号')).inputValue()).to.equal(employer.phone);
    expect(await page.getByLabel(field('新密码')).inputValue()).to.equal('browser456');
    expect(await page.getByLabel(field('确认新密码')).inputValue()).to.equal('browser456');
    expect(await send.isDisabled()).to.equal(true);
    expect(await send.textContent()).to.match(/^\d+ 秒后重新获取$/);

    await page.getByLabel(field('短信验证码')).fill(await outboxCode(employer.phone));
    await Promise.all([
      page.waitForURL(`${base}/s/seu/employer/login?done=password-reset`),
      page.getByRole('button', { name: '重置密码', exact: true }).click(),
    ]);
    await page.getByText('密码已重置，请使用新密码登录。').waitFor();
    expect(errors).to.deep.equal([]);
    await context.close();
  });

  it('shows a refusal in Chinese under the field and leaves the button usable', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/s/nju/employer/register`);
    await page.getByLabel(field('单位名称')).fill('浏览器验证码测试有限公司');
    await page.getByLabel(field('联系人手机')).fill('13900000001');
    await page.getByLabel(field('密码')).fill('secret123');
    const send = page.locator('[data-xz-sms-send]');
    await send.click();
    await page.getByRole('alert').filter({ hasText: '该手机号已注册' }).waitFor();
    expect(page.url()).to.equal(`${base}/s/nju/employer/register`);
    expect(await page.getByLabel(field('单位名称')).inputValue()).to.equal('浏览器验证码测试有限公司');
    expect(await page.getByLabel(field('密码')).inputValue()).to.equal('secret123');
    expect(await send.isDisabled()).to.equal(false);
    expect(await send.textContent()).to.equal('获取验证码');
    await context.close();
  });
});
