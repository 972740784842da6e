// What every PDF of the product shares: A4 in Simplified Chinese with Noto Sans SC embedded (OFL, from the npm package
// @expo-google-fonts/noto-sans-sc) — the product never relies on fonts installed on the machine or the reader's
// device, and pdfkit (via fontkit) subsets it to the glyphs used —, the palette, the document's metadata and the QR
// code of a verify URL. The builders (one-page-pdf.ts, sections-pdf.ts) lay out on top of this.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

const require = createRequire(import.meta.url);

/** The embedded typefaces: regular for text, bold for titles and labels (registered as `zh` and `zh-bold`). */
export const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};

let fonts: { regular: Buffer; bold: Buffer } | undefined;

export const A4 = { width: 595.28, height: 841.89 };
export const INK = '#1f2329';
export const MUTED = '#646a73';
export const RULE = '#d0d3d6';
// fontkit turns "fi" into one glyph by default, which copies out of a URL badly and is wrong in codes: ligatures
// off. fontkit reads an object of feature → on/off; @types/pdfkit only knows the list form (which can only enable).
export const PLAIN = {
  features: { liga: false, clig: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[],
};

export interface DocumentRow {
  label: string;
  value: string;
}

/** What the PDF's metadata says; `createdAt` fixed makes the output reproducible (tests). */
export interface DocumentInfo {
  title: string;
  author?: string;
  subject?: string;
  createdAt?: Date;
}

/**
 * A new A4 document with the fonts registered, and the promise of its bytes once `doc.end()` is called.
 * `bufferPages` keeps every page open for footers written at the end.
 */
export function openPdf(
  d: DocumentInfo,
  layout: { margins: PDFKit.PDFDocumentOptions['margins']; bufferPages?: boolean },
): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  fonts ??= { regular: readFileSync(FONT_FILES.regular), bold: readFileSync(FONT_FILES.bold) };
  const doc = new PDFDocument({
    size: 'A4',
    margins: layout.margins,
    bufferPages: layout.bufferPages ?? false,
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
  doc.registerFont('zh', fonts.regular);
  doc.registerFont('zh-bold', fonts.bold);
  return { doc, done };
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

/** Draws the QR code of `url` as a `size`-point square at (x, y) with its quiet zone, linked to the URL. */
export function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number): void {
  const matrix = qrMatrix(url);
  const quiet = 4;
  const cell = size / (matrix.length + 2 * quiet);
  doc.rect(x, y, size, size).fill('#ffffff');
  matrix.forEach((row, my) =>
    row.forEach((dark, mx) => {
      if (dark) doc.rect(x + (mx + quiet) * cell, y + (my + quiet) * cell, cell, cell);
    }),
  );
  doc.fill(INK);
  doc.link(x, y, size, size, url);
}

/** A thin horizontal rule across the text width at `y`. */
export function rule(doc: PDFKit.PDFDocument, x: number, y: number, width: number, lineWidth = 0.5): void {
  doc
    .moveTo(x, y)
    .lineTo(x + width, y)
    .lineWidth(lineWidth)
    .strokeColor(RULE)
    .stroke();
}
