// One-page A4 documents in Simplified Chinese (参会凭证 …) from a small description: a title, rows of label/value, a
// footer and a QR code of a URL, on the embedded, subset font of pdf.ts (a certificate stays a few KB).
// Features describe WHAT a document says; layout lives only here.
import { A4, drawQr, INK, MUTED, openPdf, PLAIN, rule, type DocumentInfo, type DocumentRow } from './pdf.js';

export interface OnePageDocument extends DocumentInfo {
  /** Large heading, e.g. 宣讲会参会凭证. */
  title: string;
  /** A line under the title (issuer, document number …). */
  subtitle?: string;
  rows: DocumentRow[];
  /** The QR code's target: printed as a code, as text under it, and as a link over it. */
  qr?: { url: string; caption?: string };
  /** Small print at the bottom (issued at, viewer's name, how to verify). */
  footer?: string[];
}

const MARGIN = 56;

/** Renders the document as PDF bytes. Long values wrap; the page never grows past one A4 sheet. */
export async function renderOnePagePdf(d: OnePageDocument): Promise<Buffer> {
  const { doc, done } = openPdf(d, { margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN } });
  const width = A4.width - 2 * MARGIN;
  const bottom = A4.height - MARGIN;

  doc
    .font('zh-bold')
    .fontSize(22)
    .fillColor(INK)
    .text(d.title, MARGIN, MARGIN, { ...PLAIN, width, align: 'center' });
  if (d.subtitle) {
    doc
      .moveDown(0.3)
      .font('zh')
      .fontSize(11)
      .fillColor(MUTED)
      .text(d.subtitle, { ...PLAIN, width, align: 'center' });
  }
  let y = doc.y + 18;
  rule(doc, MARGIN, y, width, 0.8);
  y += 14;

  const labelWidth = 96;
  const valueX = MARGIN + labelWidth + 12;
  const valueWidth = width - labelWidth - 12;
  const qrSize = d.qr ? 150 : 0;
  const footerHeight = (d.footer?.length ?? 0) * 14 + 10;
  const rowsBottom = bottom - footerHeight - (d.qr ? qrSize + 40 : 0);
  for (const row of d.rows) {
    doc.font('zh').fontSize(12);
    const h = Math.max(doc.heightOfString(row.value || '—', { ...PLAIN, width: valueWidth }), 16);
    if (y + h > rowsBottom) break;
    doc
      .font('zh-bold')
      .fontSize(12)
      .fillColor(MUTED)
      .text(row.label, MARGIN, y, { ...PLAIN, width: labelWidth });
    doc
      .font('zh')
      .fontSize(12)
      .fillColor(INK)
      .text(row.value || '—', valueX, y, { ...PLAIN, width: valueWidth });
    y += h + 10;
  }

  if (d.qr) {
    const qx = MARGIN + (width - qrSize) / 2;
    const qy = Math.max(y + 16, rowsBottom + 8);
    drawQr(doc, d.qr.url, qx, qy, qrSize);
    doc
      .font('zh')
      .fontSize(9)
      .fillColor(MUTED)
      .text(d.qr.caption ?? '扫码核验', MARGIN, qy + qrSize + 4, { ...PLAIN, width, align: 'center' })
      .text(d.qr.url, { ...PLAIN, width, align: 'center', link: d.qr.url });
  }

  if (d.footer?.length) {
    const fy = bottom - d.footer.length * 14;
    rule(doc, MARGIN, fy - 8, width);
    doc.font('zh').fontSize(9).fillColor(MUTED);
    d.footer.forEach((line, i) =>
      doc.text(line, MARGIN, fy + i * 14, { ...PLAIN, width, align: 'left', lineBreak: false }),
    );
  }

  doc.end();
  return done;
}
