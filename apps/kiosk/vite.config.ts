import { defineConfig } from 'vite';
import { quietDependencyNotes, stampInputs } from '../../scripts/ui-build.js';
import { KIOSK_UI_BUILD } from './scripts/ui-inputs.js';

// The kiosk page, served by the kiosk agent at http://127.0.0.1:N/ (kiosk:web and Electron).
export default defineConfig({
  base: '/',
  plugins: [stampInputs(KIOSK_UI_BUILD)],
  // React's automatic JSX runtime, as in tsconfig.json (see apps/window-display/vite.config.ts).
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist/ui',
    emptyOutDir: true,
    rollupOptions: { input: 'index.html', onwarn: quietDependencyNotes },
  },
});
