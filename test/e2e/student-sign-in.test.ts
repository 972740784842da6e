import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { fieldLabel as field, useChromium, watchErrors } from '../helpers/browser.js';
import { enrolStudent } from '../helpers/students.js';

// A student's first sign-in in Chromium at 375 px: 学生登录 in the school's nav, 首次登录 by SMS code (sent in place,
// counting down), 设置密码, 学生中心 greeting them, 退出, then 学号 + the new password.

describe('e2e: a student’s first sign-in at 375 px', function () {
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
      const code = items.find((i) => i.purpose === 'student-login')?.code;
      if (code) return code;
      if (Date.now() > until) throw new Error(`no SMS code for ${phone}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('signs in by SMS code, sets a password, signs out and back in by 学号', async () => {
    const s = await enrolStudent('suda', { name: '慕容雪' });
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const wide = () => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

    await page.goto(`${base}/s/suda/`);
    await Promise.all([
      page.waitForURL(`${base}/s/suda/student/login`),
      page.locator('[data-xz-student-link]').first().click(),
    ]);
    expect(await wide()).to.equal(false);
    await Promise.all([
      page.waitForURL(/\/s\/suda\/student\/login\?tab=sms/),
      page.getByRole('link', { name: '首次登录 / 忘记密码' }).click(),
    ]);
    await page.getByLabel(field('手机号')).fill(s.phone);
    const send = page.locator('[data-xz-sms-send]');
    await send.click();
    await page.getByText('验证码已发送').waitFor();
    expect(await send.isDisabled()).to.equal(true);
    expect(await send.textContent()).to.match(/^\d+ 秒后重新获取$/);
    expect(await page.getByLabel(field('手机号')).inputValue()).to.equal(s.phone);
    await page.getByLabel(field('短信验证码')).fill(await outboxCode(s.phone));
    await Promise.all([
      page.waitForURL(`${base}/s/suda/student/password`),
      page.getByRole('button', { name: '登录并设置密码' }).click(),
    ]);
    await page.getByRole('heading', { name: '设置登录密码' }).waitFor();
    expect(await wide()).to.equal(false);
    await page.getByLabel(field('新密码')).fill('suda2027ok');
    await page.getByLabel(field('确认新密码')).fill('suda2027ok');
    await Promise.all([
      page.waitForURL(`${base}/s/suda/student?done=password`),
      page.getByRole('button', { name: '保存密码' }).click(),
    ]);
    await page.getByRole('heading', { name: '慕容雪，您好' }).waitFor();
    expect(await wide()).to.equal(false);
    expect(await page.locator('.xz-session__name').first().textContent()).to.equal('慕容雪');

    await Promise.all([
      page.waitForURL(`${base}/s/suda/student/login?done=logout`),
      page.locator('.xz-student-area .xz-centre__actions').getByRole('button', { name: '退出' }).click(),
    ]);
    await page.getByLabel(field('学号或手机号')).fill(s.studentNo);
    await page.getByLabel(field('密码')).fill('suda2027ok');
    await Promise.all([
      page.waitForURL(`${base}/s/suda/student`),
      page.getByRole('button', { name: '登录', exact: true }).click(),
    ]);
    await page.getByRole('heading', { name: '慕容雪，您好' }).waitFor();
    expect(errors).to.deep.equal([]);
    await context.close();
  });
});
