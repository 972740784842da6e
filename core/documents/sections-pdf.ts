// Multi-page A4 documents in Simplified Chinese (a résumé, the tripartite agreement …) from a small description: a
// title, then sections of label/value rows, bullet entries or paragraphs, an optional QR code of a verify URL after
// the last section, and a footer printed on EVERY page (who downloaded it and when: the DOMAIN rule for personal
// data), on the embedded, subset font of pdf.ts. Features describe WHAT a document says; layout lives only here.
import { A4, drawQr, INK, MUTED, openPdf, PLAIN, rule, type DocumentInfo, type DocumentRow } from './pdf.js';

/** One entry of a list section: a heading line (bold) and optional detail lines under it. */
export interface DocumentEntry {
  heading: string;
  lines?: string[];
}

export interface DocumentSection {
  heading: string;
  rows?: DocumentRow[];
  entries?: DocumentEntry[];
  paragraphs?: string[];
  /** Shown when the section has nothing else (e.g. 未填写). */
  empty?: string;
}

export interface SectionsDocument extends DocumentInfo {
  subtitle?: string;
  sections: DocumentSection[];
  /** The QR code's target, after the last section: the code on the right, the caption and the URL beside it. */
  qr?: { url: string; caption?: string };
  /** Small print at the bottom of every page; the page number is added beside it. */
  footer?: string[];
}

const MARGIN = 56;
const QR_SIZE = 120;

/** Renders the document as PDF bytes; text flows onto as many pages as it needs. */
export async function renderSectionsPdf(d: SectionsDocument): Promise<Buffer> {
  const footer = d.footer ?? [];
  const footerHeight = (footer.length + 1) * 13 + 12;
  const { doc, done } = openPdf(d, {
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + footerHeight },
    bufferPages: true,
  });
  const width = A4.width - 2 * MARGIN;
  const bottom = A4.height - MARGIN - footerHeight;
  const room = (h: number) => {
    if (doc.y + h > bottom) doc.addPage();
  };

  doc
    .font('zh-bold')
    .fontSize(20)
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
  doc.moveDown(0.8);

  const labelWidth = 84;
  for (const section of d.sections) {
    room(48);
    const y = doc.y + 4;
    doc
      .font('zh-bold')
      .fontSize(13)
      .fillColor(INK)
      .text(section.heading, MARGIN, y, { ...PLAIN, width });
    const ruleY = doc.y + 2;
    rule(doc, MARGIN, ruleY, width, 0.6);
    doc.y = ruleY + 6;
    let wrote = false;
    for (const row of section.rows ?? []) {
      doc.font('zh').fontSize(11);
      const value = row.value || '—';
      const h = Math.max(doc.heightOfString(value, { ...PLAIN, width: width - labelWidth - 10 }), 14);
      room(h + 4);
      const at = doc.y;
      doc
        .font('zh-bold')
        .fontSize(11)
        .fillColor(MUTED)
        .text(row.label, MARGIN, at, { ...PLAIN, width: labelWidth });
      doc
        .font('zh')
        .fontSize(11)
        .fillColor(INK)
        .text(value, MARGIN + labelWidth + 10, at, { ...PLAIN, width: width - labelWidth - 10 });
      doc.y = at + h + 4;
      wrote = true;
    }
    for (const entry of section.entries ?? []) {
      room(30);
      doc
        .font('zh-bold')
        .fontSize(11)
        .fillColor(INK)
        .text(entry.heading, MARGIN, doc.y, { ...PLAIN, width });
      for (const line of entry.lines ?? []) {
        doc
          .font('zh')
          .fontSize(10.5)
          .fillColor(INK)
          .text(line, MARGIN + 12, doc.y + 1, { ...PLAIN, width: width - 12 });
      }
      doc.y += 6;
      wrote = true;
    }
    for (const p of section.paragraphs ?? []) {
      room(20);
      doc
        .font('zh')
        .fontSize(11)
        .fillColor(INK)
        .text(p, MARGIN, doc.y, { ...PLAIN, width });
      doc.y += 4;
      wrote = true;
    }
    if (!wrote) {
      doc
        .font('zh')
        .fontSize(11)
        .fillColor(MUTED)
        .text(section.empty ?? '—', MARGIN, doc.y, { ...PLAIN, width });
    }
    doc.y += 10;
  }

  if (d.qr) {
    room(QR_SIZE + 12);
    const qy = doc.y + 4;
    const textWidth = width - QR_SIZE - 20;
    drawQr(doc, d.qr.url, MARGIN + width - QR_SIZE, qy, QR_SIZE);
    doc
      .font('zh')
      .fontSize(10)
      .fillColor(MUTED)
      .text(d.qr.caption ?? '扫码核验', MARGIN, qy + 10, { ...PLAIN, width: textWidth })
      .fontSize(8)
      .text(d.qr.url, { ...PLAIN, width: textWidth, link: d.qr.url });
    doc.y = qy + QR_SIZE + 8;
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const lines = [...footer, `第 ${i - range.start + 1} 页，共 ${range.count} 页`];
    const fy = A4.height - MARGIN - lines.length * 13;
    rule(doc, MARGIN, fy - 8, width);
    doc.font('zh').fontSize(9).fillColor(MUTED);
    // below the bottom margin: pdfkit would start a new page for text there unless the margin is lifted
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    lines.forEach((line, n) =>
      doc.text(line, MARGIN, fy + n * 13, { ...PLAIN, width, align: 'left', lineBreak: false }),
    );
    doc.page.margins.bottom = saved;
  }
  doc.end();
  return done;
}
