// One-page A4 documents in Simplified Chinese (参会凭证, agreement copies …) from a small description: a title,
// rows of label/value, a footer and a QR code of a URL. The product never relies on fonts installed on the
// machine or the reader's device: Noto Sans SC (OFL, from the npm package @expo-google-fonts/noto-sans-sc) is
// embedded, and pdfkit (via fontkit) subsets it to the glyphs used, so a certificate stays a few KB.
// Features describe WHAT a document says; layout lives only here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

const require = createRequire(import.meta.url);

/** The embedded typefaces: regular for text, bold for the title and labels. */
export const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};

let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= { regular: readFileSync(FONT_FILES.regular), bold: readFileSync(FONT_FILES.bold) };
  return fonts;
}

export interface DocumentRow {
  label: string;
  value: string;
}

export interface OnePageDocument {
  /** Large heading, e.g. 宣讲会参会凭证. */
  title: string;
  /** A line under the title (issuer, document number …). */
  subtitle?: string;
  rows: DocumentRow[];
  /** The QR code's target: printed as a code, as text under it, and as a link over it. */
  qr?: { url: string; caption?: string };
  /** Small print at the bottom (issued at, viewer's name, how to verify). */
  footer?: string[];
  /** PDF metadata. */
  author?: string;
  subject?: string;
  /** Fixed creation date (tests, reproducible output); defaults to now. */
  createdAt?: Date;
}

/** The boolean matrix the QR code of `url` draws (true = dark module), error correction M. */
export function qrMatrix(url: string): boolean[][] {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const rows: boolean[][] = [];
  for (let y = 0; y < size; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < size; x++) row.push(qr.modules.get(y, x) === 1);
    rows.push(row);
  }
  return rows;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const INK = '#1f2329';
const MUTED = '#646a73';
const RULE = '#d0d3d6';
// fontkit turns "fi" into one glyph by default, which copies out of a URL badly and is wrong in codes: ligatures
// off. fontkit reads an object of feature → on/off; @types/pdfkit only knows the list form (which can only enable).
const PLAIN = { features: { liga: false, clig: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[] };

/** Renders the document as PDF bytes. Long values wrap; the page never grows past one A4 sheet. */
export async function renderOnePagePdf(d: OnePageDocument): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    autoFirstPage: true,
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
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + width, y)
    .lineWidth(0.8)
    .strokeColor(RULE)
    .stroke();
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
    const matrix = qrMatrix(d.qr.url);
    const quiet = 4;
    const cells = matrix.length + 2 * quiet;
    const cell = qrSize / cells;
    const qx = MARGIN + (width - qrSize) / 2;
    const qy = Math.max(y + 16, rowsBottom + 8);
    doc.rect(qx, qy, qrSize, qrSize).fill('#ffffff');
    matrix.forEach((row, my) =>
      row.forEach((dark, mx) => {
        if (dark) doc.rect(qx + (mx + quiet) * cell, qy + (my + quiet) * cell, cell, cell);
      }),
    );
    doc.fill(INK);
    doc.link(qx, qy, qrSize, qrSize, d.qr.url);
    doc
      .font('zh')
      .fontSize(9)
      .fillColor(MUTED)
      .text(d.qr.caption ?? '扫码核验', MARGIN, qy + qrSize + 4, { ...PLAIN, width, align: 'center' })
      .text(d.qr.url, { ...PLAIN, width, align: 'center', link: d.qr.url });
  }

  if (d.footer?.length) {
    const fy = bottom - d.footer.length * 14;
    doc
      .moveTo(MARGIN, fy - 8)
      .lineTo(MARGIN + width, fy - 8)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.font('zh').fontSize(9).fillColor(MUTED);
    d.footer.forEach((line, i) =>
      doc.text(line, MARGIN, fy + i * 14, { ...PLAIN, width, align: 'left', lineBreak: false }),
    );
  }

  doc.end();
  return done;
}
