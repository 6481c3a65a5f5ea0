import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const page = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

// The app is static: workers are ES modules bundled by Vite (`new Worker(new URL(...), { type: 'module' })`).
// runtime-harness.html is a dev/test entry that drives src/runtime without the UI (e2e, browser bench):
// the dev server serves it; a build includes it only with ZABLAB_HARNESS=1 (scripts/e2e.mjs and the
// bench set it), so the production bundle (`npm run build`) never carries the harness.
const input: Record<string, string> = { main: page('./index.html') };
if (process.env.ZABLAB_HARNESS === '1') input.harness = page('./runtime-harness.html');
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input,
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
