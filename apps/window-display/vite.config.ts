import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { HASH_FILE_NAME, inputsHash } from './scripts/ui-inputs.js';

/** Stamps dist/ with the hash of the sources it was built from (see scripts/ensure-built.ts). */
function stampInputs(): Plugin {
  let hash = '';
  let outDir = '';
  return {
    name: 'hall-stamp-inputs',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    buildStart() {
      hash = inputsHash();
    },
    closeBundle() {
      writeFileSync(join(outDir, HASH_FILE_NAME), `${hash}\n`);
    },
  };
}

// The hall server serves these pages at /window/{id}, /hall-screen, /book, /t/{ticketId} and /console/*, and the assets under /display/.
export default defineConfig({
  base: '/display/',
  plugins: [stampInputs()],
  // React's automatic JSX runtime, as in tsconfig.json. (@vitejs/plugin-react would add only
  // dev-server fast refresh, and its hoisted copy resolves the root's Vite 8, not this Vite 7.)
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: { input: { window: 'window.html', 'hall-screen': 'hall-screen.html', book: 'book.html', ticket: 'ticket.html', console: 'console.html' } },
  },
});
