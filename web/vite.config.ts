import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;

/** The admin's site map (Leaflet and its images): a desk page, online only, left out of the phone's precache. */
const ADMIN_MAP = /^assets\/(site-map|layers|marker-)/;

/**
 * The service worker is its own entry, `sw.js` at the root (its scope is the whole app); once the bundle is known,
 * the list of files to precache (the app shell: index.html and every hashed asset) is written into it, so a new
 * build is a new worker and the old cache is dropped.
 */
function precacheManifest(): Plugin {
  return {
    name: 'bakti-precache-manifest',
    generateBundle(_, bundle) {
      const worker = bundle['sw.js'];
      if (worker?.type !== 'chunk') throw new Error('sw.js missing from the bundle');
      const files = Object.keys(bundle).filter(
        (name) => name !== 'sw.js' && !name.endsWith('.map') && !ADMIN_MAP.test(name),
      );
      const placeholder = /["'`]__PRECACHE__["'`]/;
      if (!placeholder.test(worker.code)) throw new Error('sw.js has no precache placeholder');
      worker.code = worker.code.replace(placeholder, JSON.stringify(['/', ...files.map((f) => `/${f}`)]));
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: { main: resolve(root, 'index.html'), sw: resolve(root, 'src/sw.ts') },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  plugins: [precacheManifest()],
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
