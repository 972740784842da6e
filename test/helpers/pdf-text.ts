// Reads the text back out of a PDF that pdfkit wrote (Type0 fonts with a ToUnicode map, hex strings in TJ): enough
// to check what a document says without a PDF reader installed. One line per text object, in drawing order.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const s = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endobj', start);
    const body = s.slice(start, end);
    const at = body.indexOf('stream');
    if (at >= 0 && /^stream\r?\n/.test(body.slice(at))) {
      const dataStart = start + at + body.slice(at).indexOf('\n') + 1;
      const dataEnd = s.lastIndexOf('endstream', end);
      let data = pdf.subarray(dataStart, dataEnd);
      if (body.slice(0, at).includes('/FlateDecode')) data = inflateSync(data);
      out.set(Number(m[1]), { dict: body.slice(0, at), stream: data });
    } else out.set(Number(m[1]), { dict: body });
  }
  return out;
}

function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => parseInt(h, 16);
  const str = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map(hex));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const r of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi)) {
      const from = hex(r[1]!);
      const to = hex(r[2]!);
      if (r[3]!.startsWith('[')) {
        [...r[3]!.matchAll(/<([0-9a-f]+)>/gi)].forEach((v, i) => map.set(from + i, str(v[1]!)));
      } else {
        const base = hex(r[3]!.slice(1, -1));
        for (let c = from; c <= to; c++) map.set(c, String.fromCodePoint(base + c - from));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const r of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) map.set(hex(r[1]!), str(r[2]!));
  }
  return map;
}

/** The text lines of every page, decoded through each font's ToUnicode map. */
export function pdfText(pdf: Buffer): string[] {
  const objs = objects(pdf);
  const fonts = new Map<string, Map<number, string>>();
  for (const o of objs.values()) {
    for (const f of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objs.get(Number(f[2]));
      const ref = font?.dict.match(/\/ToUnicode (\d+) 0 R/);
      const cmap = ref && objs.get(Number(ref[1]))?.stream;
      if (cmap) fonts.set(f[1]!, toUnicode(cmap.toString('latin1')));
    }
  }
  const lines: string[] = [];
  for (const o of objs.values()) {
    if (!o.stream || o.dict.includes('/Length1') || o.dict.includes('/Subtype')) continue;
    const content = o.stream.toString('latin1');
    if (!content.includes(' Tf')) continue;
    for (const block of content.matchAll(/BT([\s\S]*?)ET/g)) {
      const font = block[1]!.match(/\/(F\d+) [\d.]+ Tf/);
      const map = font ? fonts.get(font[1]!) : undefined;
      if (!map) continue;
      let line = '';
      for (const tj of block[1]!.matchAll(/\[([^\]]*)\] TJ/g))
        for (const h of tj[1]!.matchAll(/<([0-9a-f]+)>/gi))
          for (const code of h[1]!.match(/.{4}/g) ?? []) line += map.get(parseInt(code, 16)) ?? '';
      lines.push(line);
    }
  }
  return lines;
}
