/**
 * Build for the embeddable web components ("widgets").
 *
 * Produces ONE self-contained ES module with Lit bundled inside, because the
 * universities' own websites have no bundler:
 *
 *   web-components/dist/v1/xiaozhao.js   (served by the platform at /widgets/v1/xiaozhao.js)
 *
 * Run from the repository root: `npm run build:widgets`
 * (= `vite build --config web-components/vite.config.ts`).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Absolute path of web-components/ (independent of the current working directory). */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Nothing to copy: the widgets have no static assets.
  publicDir: false,
  // Lit's production build is selected through export conditions; make sure no
  // stray `process.env.NODE_ENV` reference survives in the browser bundle
  // (Vite does not replace it in library mode).
  define: {
    'process.env.NODE_ENV': JSON.stringify('production'),
  },
  build: {
    outDir: 'dist',
    // dist/ lives inside root, but be explicit: wipe web-components/dist on every build.
    emptyOutDir: true,
    // No source maps in the public bundle (keeps it small; enable locally if needed).
    sourcemap: false,
    // Keep the widget in one file: no CSS split out, no dynamic chunks.
    cssCodeSplit: false,
    copyPublicDir: false,
    reportCompressedSize: true,
    lib: {
      entry: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
      formats: ['es'],
      // Fixed, unhashed name: school sites reference it literally. The major
      // version in the path (v1) is the compatibility contract.
      fileName: () => 'v1/xiaozhao.js',
    },
    rolldownOptions: {
      output: {
        // Vite's library-mode default for ES output keeps whitespace
        // (codegen: false); ask rolldown for a fully minified file.
        minify: true,
        // Drop /* @__PURE__ */ annotations and other comments: this file is
        // consumed directly by browsers, never re-bundled.
        comments: false,
        // Everything (Lit, @lit/task) goes into the single entry file.
        codeSplitting: false,
      },
    },
  },
});
