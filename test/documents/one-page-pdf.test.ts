import { expect } from 'chai';
import QRCode from 'qrcode';
import { renderOnePagePdf } from '../../core/documents/one-page-pdf.js';
import { qrMatrix } from '../../core/documents/pdf.js';
import { pdfText } from '../helpers/pdf-text.js';

const url = 'http://nju.xiaozhao.test/api/v1/public/certificates/Q2xY-abc_123';
const certificate = {
  title: '宣讲会参会凭证',
  subtitle: '南京大学 · 凭证编号 Q2xY-abc_123',
  rows: [
    { label: '单位', value: '江苏示例科技有限公司' },
    { label: '时间', value: '2026年12月10日 14:00–16:00' },
    { label: '地点', value: '仙林校区 教学楼 A101' },
  ],
  qr: { url, caption: '门卫扫码核验' },
  footer: ['签发时间 2026-12-05 09:00'],
};

describe('core/documents: one-page PDF', () => {
  it('writes a small PDF with the Chinese font embedded and subset', async () => {
    const pdf = await renderOnePagePdf(certificate);
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(pdf.includes('/FontFile2')).to.equal(true);
    expect(pdf.toString('latin1')).to.match(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    expect(pdf.length).to.be.below(40_000);
  });

  it('says what it was given: title, every row, footer and the verify URL', async () => {
    const lines = pdfText(await renderOnePagePdf(certificate));
    for (const text of [
      '宣讲会参会凭证',
      '南京大学 · 凭证编号 Q2xY-abc_123',
      '江苏示例科技有限公司',
      '2026年12月10日 14:00–16:00',
      '仙林校区 教学楼 A101',
      '门卫扫码核验',
      '签发时间 2026-12-05 09:00',
    ])
      expect(lines, text).to.include(text);
    expect(lines.join('')).to.include(url);
  });

  it('links the QR code to the verify URL and draws the code qrcode makes for it', async () => {
    const pdf = (await renderOnePagePdf(certificate)).toString('latin1');
    expect(pdf).to.include(`/URI (${url})`);
    const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const matrix = qrMatrix(url);
    expect(matrix.length).to.equal(qr.modules.size);
    expect(matrix.flat().map((d) => (d ? 1 : 0))).to.deep.equal([...qr.modules.data]);
  });

  it('keeps a long value on one page', async () => {
    const pdf = await renderOnePagePdf({
      ...certificate,
      rows: Array.from({ length: 40 }, (_, i) => ({ label: `第${i}行`, value: '很长的内容'.repeat(30) })),
    });
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).to.have.length(1);
  });
});
