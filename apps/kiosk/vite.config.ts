import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { HASH_FILE_NAME, inputsHash } from './scripts/ui-inputs.js';

/** Stamps dist/ui with the hash of the sources it was built from (see scripts/ensure-built.ts). */
function stampInputs(): Plugin {
  let hash = '';
  let outDir = '';
  return {
    name: 'kiosk-stamp-inputs',
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

// The kiosk page, served by the kiosk agent at http://127.0.0.1:N/ (kiosk:web and Electron).
export default defineConfig({
  base: '/',
  plugins: [stampInputs()],
  // React's automatic JSX runtime, as in tsconfig.json (see apps/window-display/vite.config.ts).
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist/ui',
    emptyOutDir: true,
    rollupOptions: { input: 'index.html' },
  },
});
