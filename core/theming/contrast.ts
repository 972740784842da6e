// Legible colours from any palette. Schools choose their colours freely (manifests, 站点设置); where a palette colour
// is used for text on a light background, or behind white text, pages use its "ink": the same hue darkened just
// enough for a contrast of INK_CONTRAST with white. WCAG 2 AA asks 4.5:1 for body text; the margin keeps 4.5:1 on
// the light tints pages put behind badges and current menu items too.
export const INK_CONTRAST = 5.5;

function channels(hex: string): [number, number, number] {
  const v = hex.replace('#', '');
  return [0, 2, 4].map((i) => parseInt(v.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours (1–21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Inks already worked out: every page head asks for three, and palettes are few (one per site). */
const inks = new Map<string, string>();
const INKS_MAX = 2000;

/** The colour itself when it already reaches INK_CONTRAST against white, else the lightest darker shade that does. */
export function ink(hex: string): string {
  let known = inks.get(hex);
  if (known === undefined) {
    known = darken(hex, INK_CONTRAST);
    if (inks.size >= INKS_MAX) inks.clear();
    inks.set(hex, known);
  }
  return known;
}

function darken(hex: string, target: number): string {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return hex;
  const [r, g, b] = channels(hex);
  for (let keep = 1; keep > 0; keep -= 0.02) {
    const shade = `#${[r, g, b]
      .map((c) =>
        Math.round(c * keep)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`;
    if (contrast(shade, '#ffffff') >= target) return shade;
  }
  return '#000000';
}
