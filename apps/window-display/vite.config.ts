import { defineConfig } from 'vite';
import { quietDependencyNotes, stampInputs } from '../../scripts/ui-build.js';
import { PAGES_BUILD } from './scripts/ui-inputs.js';

// The hall server serves these pages at /window/{id}, /hall-screen, /book, /t/{ticketId} and /console/*, and the assets under /display/.
export default defineConfig({
  base: '/display/',
  plugins: [stampInputs(PAGES_BUILD)],
  // React's automatic JSX runtime, as in tsconfig.json. (@vitejs/plugin-react would add only
  // dev-server fast refresh, and its hoisted copy resolves the root's Vite 8, not this Vite 7.)
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: { input: { window: 'window.html', 'hall-screen': 'hall-screen.html', book: 'book.html', ticket: 'ticket.html', console: 'console.html' }, onwarn: quietDependencyNotes },
  },
});
