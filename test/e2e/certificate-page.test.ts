import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { getDeployment } from '../helpers/deployment.js';
import { useChromium } from '../helpers/browser.js';

describe('e2e: a guard opens a certificate’s QR code on a phone', () => {
  let browser: Browser;
  let base: string;
  useChromium((b, url) => {
    browser = b;
    base = url;
  });

  it('lands on the readable page at 375 px: verdict and fields, nothing wider than the screen', async () => {
    const { app } = await getDeployment();
    const certificates = app.services.certificates!;
    const kind = 'e2e-pass';
    certificates.registerKind(kind, {
      name: '测试参会凭证',
      resolve: async () => ({ employer: '江苏示例科技有限公司（南京）人工智能研究院', status: 'approved' }),
      present: (f) => ({
        valid: f.status === 'approved',
        status: '已通过审核',
        rows: [
          { label: '单位', value: f.employer },
          {
            label: '直播链接',
            value: 'https://live.example.com/very/long/path/that/must/wrap/on/a/phone/123456789',
          },
        ],
      }),
    });
    const { code } = await certificates.issue(kind, 1, app.sites.get('nju')!.id);
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${base}/s/nju/api/v1/public/certificates/${code}`);
    expect(new URL(page.url()).pathname).to.equal(`/certificates/${code}`);
    await page.getByRole('status').filter({ hasText: '有效 · 已通过审核' }).waitFor();
    await page.getByText('江苏示例科技有限公司（南京）人工智能研究院').waitFor();
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(widths[0]).to.be.at.most(widths[1]!);
    await page.close();
  });
});
