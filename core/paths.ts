// Resolves the project root from this file, so that compiled code (dist/core) and sources (core/)
// read the same tenants/, themes/ and web-components/ folders.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'tenants'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`xiaozhao: project root not found above ${start}`);
    dir = parent;
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const TENANTS_DIR = join(ROOT, 'tenants');
export const THEMES_DIR = join(ROOT, 'themes');
export const WIDGETS_DIST_DIR = join(ROOT, 'web-components', 'dist');
/** The institution list: the shared copy beside the checkout when present, else the one kept in tenants/source. */
export const INSTITUTIONS_TSV = [
  resolve(ROOT, '..', 'shared', 'data', 'jiangsu-institutions.tsv'),
  join(ROOT, 'tenants', 'source', 'jiangsu-institutions.tsv'),
].find((f) => existsSync(f))!;
