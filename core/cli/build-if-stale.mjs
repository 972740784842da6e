// Builds what `npm start`, `npm run migrate` … serve from dist/ only when its sources changed since the last build.
//   node core/cli/build-if-stale.mjs [part…]    build each stale part (widgets, server; default both), skip fresh ones
//   node core/cli/build-if-stale.mjs --stamp X  record that part X was just built (postbuild:widgets / postbuild:server)
// A part is fresh when its stamp file (inside its output folder, so deleting the output makes it stale) holds the
// sha256 of its sources' contents: contents, not mtimes, so a fresh clone or a copied tree is judged correctly.
// Plain JavaScript on purpose: it runs before anything is compiled and without tsx (a dev dependency). Where the
// build tools are not installed (npm ci --omit=dev) it keeps an existing build, with a warning if its sources
// changed, and stops only when there is no build at all.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const STAMP = '.build-stamp';
const require = createRequire(import.meta.url);

const serverConfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8'));

/** Each part: the npm script that builds it, the package it needs, its output folder, and what it is built from. */
const PARTS = {
  widgets: {
    script: 'build:widgets',
    tool: 'vite',
    out: join(ROOT, 'web-components', 'dist'),
    entry: join(ROOT, 'web-components', 'dist', 'v1', 'xiaozhao.js'),
    sources: () => [
      ...walk(join(ROOT, 'web-components'), (f) => !f.startsWith(join(ROOT, 'web-components', 'dist') + sep)),
      join(ROOT, 'package.json'),
      join(ROOT, 'package-lock.json'),
    ],
  },
  server: {
    script: 'build:server',
    tool: 'typescript',
    out: join(ROOT, 'dist'),
    entry: join(ROOT, 'dist', 'core', 'cli', 'start.js'),
    sources: () => [
      ...serverConfig.include.flatMap((dir) => walk(join(ROOT, dir), (f) => /\.[cm]?tsx?$/.test(f))),
      join(ROOT, 'tsconfig.json'),
      join(ROOT, 'tsconfig.build.json'),
      join(ROOT, 'package.json'),
    ],
  },
};

function walk(dir, keep) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(path, keep);
    return entry.isFile() && keep(path) ? [path] : [];
  });
}

function fingerprint(part) {
  const files = PARTS[part].sources().filter((f) => existsSync(f) && statSync(f).isFile());
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(`${relative(ROOT, file).split(sep).join('/')}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const stampFile = (part) => join(PARTS[part].out, STAMP);
/** The fingerprint the last build of `part` recorded, or null when there is no complete build. */
const readStamp = (part) =>
  existsSync(stampFile(part)) && existsSync(PARTS[part].entry)
    ? readFileSync(stampFile(part), 'utf8').trim()
    : null;

function installed(pkg) {
  try {
    require.resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
}

function npmRun(script) {
  // Inside an npm script npm_execpath is npm's own CLI: run it with this node, no shell needed.
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', script], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync('npm', ['run', script], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`build-if-stale: npm run ${script} failed`);
    process.exit(result.status ?? 1);
  }
}

function buildIfStale(part) {
  const { script, tool, out } = PARTS[part];
  const stamp = readStamp(part);
  if (stamp !== null && stamp === fingerprint(part)) {
    console.log(`build-if-stale: ${part} is up to date (${relative(ROOT, out)})`);
    return;
  }
  if (!installed(tool)) {
    if (stamp !== null) {
      console.warn(
        `build-if-stale: ${part} sources changed since ${relative(ROOT, out)} was built, but ${tool} is not installed (npm ci --omit=dev?): using the existing build`,
      );
      return;
    }
    console.error(
      `build-if-stale: ${relative(ROOT, out)} has not been built and ${tool} is not installed: run npm ci and npm run build first`,
    );
    process.exit(1);
  }
  console.log(
    `build-if-stale: ${part} ${stamp === null ? 'has not been built' : 'sources changed'}: npm run ${script}`,
  );
  npmRun(script);
}

const args = process.argv.slice(2);
const stamping = args[0] === '--stamp';
const parts = stamping ? args.slice(1) : args.length > 0 ? args : Object.keys(PARTS);
for (const part of parts) {
  if (!Object.hasOwn(PARTS, part)) {
    console.error(`build-if-stale: unknown part ${part} (one of ${Object.keys(PARTS).join(', ')})`);
    process.exit(2);
  }
}
if (stamping && parts.length === 0) {
  console.error('build-if-stale: --stamp needs a part');
  process.exit(2);
}
for (const part of parts) {
  if (!stamping) buildIfStale(part);
  else if (!existsSync(PARTS[part].entry)) {
    console.error(`build-if-stale: ${relative(ROOT, PARTS[part].entry)} is missing, nothing to stamp`);
    process.exit(1);
  } else writeFileSync(stampFile(part), `${fingerprint(part)}\n`);
}
