// Multi-page A4 documents in Simplified Chinese (a résumé, a list of records …) from a small description: a title,
// then sections of label/value rows, bullet entries or paragraphs, and a footer printed on EVERY page (who
// downloaded it and when: the DOMAIN rule for personal data). Same embedded Noto Sans SC as the one-page documents,
// subset by pdfkit to the glyphs used. Features describe WHAT a document says; layout lives only here.
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { FONT_FILES, type DocumentRow } from './one-page-pdf.js';

let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= { regular: readFileSync(FONT_FILES.regular), bold: readFileSync(FONT_FILES.bold) };
  return fonts;
}

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

export interface SectionsDocument {
  title: string;
  subtitle?: string;
  sections: DocumentSection[];
  /** Small print at the bottom of every page; the page number is added beside it. */
  footer?: string[];
  author?: string;
  subject?: string;
  createdAt?: Date;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const INK = '#1f2329';
const MUTED = '#646a73';
const RULE = '#d0d3d6';
const PLAIN = { features: { liga: false, clig: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[] };

/** Renders the document as PDF bytes; text flows onto as many pages as it needs. */
export async function renderSectionsPdf(d: SectionsDocument): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const footer = d.footer ?? [];
  const footerHeight = (footer.length + 1) * 13 + 12;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + footerHeight },
    bufferPages: true,
    compress: true,
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
  doc.registerFont('zh', regular);
  doc.registerFont('zh-bold', bold);
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
    doc
      .moveTo(MARGIN, ruleY)
      .lineTo(MARGIN + width, ruleY)
      .lineWidth(0.6)
      .strokeColor(RULE)
      .stroke();
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

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const lines = [...footer, `第 ${i - range.start + 1} 页，共 ${range.count} 页`];
    const fy = A4.height - MARGIN - lines.length * 13;
    doc
      .moveTo(MARGIN, fy - 8)
      .lineTo(MARGIN + width, fy - 8)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
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
