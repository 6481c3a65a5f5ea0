import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const page = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

// The app is static: workers are ES modules bundled by Vite (`new Worker(new URL(...), { type: 'module' })`).
// runtime-harness.html is a dev/test entry that drives src/runtime without the UI (e2e, browser bench).
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: { main: page('./index.html'), harness: page('./runtime-harness.html') },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
