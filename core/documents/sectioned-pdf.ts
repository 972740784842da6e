// Documents of several headed sections (the tripartite agreement: 甲方, 乙方, 丙方, the offer, the confirmations) in
// Simplified Chinese, a sibling of one-page-pdf.ts: the same embedded, subset Noto Sans SC and QR codes, but sections
// flow onto further A4 pages when they do not fit, and the QR code sits beside the signature block on the last page.
// Features describe WHAT a document says; layout lives only here.
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { FONT_FILES, qrMatrix, type DocumentRow } from './one-page-pdf.js';

export interface DocumentSection {
  heading: string;
  rows: DocumentRow[];
  /** a paragraph under the rows (terms, remarks) */
  text?: string;
}

export interface SectionedDocument {
  title: string;
  subtitle?: string;
  sections: DocumentSection[];
  qr?: { url: string; caption?: string };
  /** Small print at the bottom of every page (document number, viewer's name). */
  footer?: string[];
  author?: string;
  subject?: string;
  createdAt?: Date;
}

let fonts: { regular: Buffer; bold: Buffer } | undefined;

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const INK = '#1f2329';
const MUTED = '#646a73';
const RULE = '#d0d3d6';
const PLAIN = { features: { liga: false, clig: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[] };

/** Renders the document as PDF bytes. */
export async function renderSectionedPdf(d: SectionedDocument): Promise<Buffer> {
  fonts ??= { regular: readFileSync(FONT_FILES.regular), bold: readFileSync(FONT_FILES.bold) };
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: true,
    bufferPages: true,
    info: {
      Title: d.title,
      Author: d.author ?? '校招网络',
      Subject: d.subject ?? d.title,
      Producer: 'xiaozhao',
      Creator: 'xiaozhao',
      CreationDate: d.createdAt ?? new Date(),
    },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('zh', fonts.regular);
  doc.registerFont('zh-bold', fonts.bold);
  const width = A4.width - 2 * MARGIN;
  const footerHeight = (d.footer?.length ?? 0) * 12 + 16;
  const bottom = A4.height - MARGIN - footerHeight;

  doc
    .font('zh-bold')
    .fontSize(20)
    .fillColor(INK)
    .text(d.title, MARGIN, MARGIN, { ...PLAIN, width, align: 'center' });
  if (d.subtitle)
    doc
      .moveDown(0.3)
      .font('zh')
      .fontSize(10)
      .fillColor(MUTED)
      .text(d.subtitle, { ...PLAIN, width, align: 'center' });
  let y = doc.y + 12;

  const labelWidth = 110;
  const valueX = MARGIN + labelWidth + 10;
  const valueWidth = width - labelWidth - 10;
  const ensure = (h: number) => {
    if (y + h <= bottom) return;
    doc.addPage();
    y = MARGIN;
  };
  for (const section of d.sections) {
    ensure(40);
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + width, y)
      .lineWidth(0.8)
      .strokeColor(RULE)
      .stroke();
    y += 8;
    doc
      .font('zh-bold')
      .fontSize(13)
      .fillColor(INK)
      .text(section.heading, MARGIN, y, { ...PLAIN, width });
    y = doc.y + 6;
    for (const row of section.rows) {
      doc.font('zh').fontSize(11);
      const h = Math.max(doc.heightOfString(row.value || '—', { ...PLAIN, width: valueWidth }), 14);
      ensure(h);
      doc
        .font('zh-bold')
        .fontSize(11)
        .fillColor(MUTED)
        .text(row.label, MARGIN, y, { ...PLAIN, width: labelWidth });
      doc
        .font('zh')
        .fontSize(11)
        .fillColor(INK)
        .text(row.value || '—', valueX, y, { ...PLAIN, width: valueWidth });
      y += h + 6;
    }
    if (section.text) {
      doc.font('zh').fontSize(10);
      const h = doc.heightOfString(section.text, { ...PLAIN, width });
      ensure(h);
      doc.fillColor(INK).text(section.text, MARGIN, y, { ...PLAIN, width });
      y += h + 6;
    }
    y += 6;
  }

  if (d.qr) {
    const size = 120;
    ensure(size + 36);
    const matrix = qrMatrix(d.qr.url);
    const quiet = 4;
    const cell = size / (matrix.length + 2 * quiet);
    const qx = MARGIN + width - size;
    const qy = y + 4;
    doc.rect(qx, qy, size, size).fill('#ffffff');
    matrix.forEach((row, my) =>
      row.forEach((dark, mx) => {
        if (dark) doc.rect(qx + (mx + quiet) * cell, qy + (my + quiet) * cell, cell, cell);
      }),
    );
    doc.fill(INK);
    doc.link(qx, qy, size, size, d.qr.url);
    doc
      .font('zh')
      .fontSize(10)
      .fillColor(MUTED)
      .text(d.qr.caption ?? '扫码核验', MARGIN, qy + 10, { ...PLAIN, width: width - size - 20 })
      .fontSize(8)
      .text(d.qr.url, { ...PLAIN, width: width - size - 20, link: d.qr.url });
    y = qy + size + 8;
  }

  if (d.footer?.length) {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const fy = A4.height - MARGIN - d.footer.length * 12;
      doc
        .moveTo(MARGIN, fy - 6)
        .lineTo(MARGIN + width, fy - 6)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      doc.font('zh').fontSize(8).fillColor(MUTED);
      d.footer.forEach((line, n) =>
        doc.text(
          `${line}${n === d.footer!.length - 1 ? ` 第 ${i - range.start + 1}/${range.count} 页` : ''}`,
          MARGIN,
          fy + n * 12,
          {
            ...PLAIN,
            width,
            lineBreak: false,
          },
        ),
      );
    }
  }
  doc.end();
  return done;
}
