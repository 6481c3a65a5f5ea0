import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is static: workers are ES modules bundled by Vite (`new Worker(new URL(...), { type: 'module' })`).
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { port: 5173 },
  preview: { port: 4173 },
});
