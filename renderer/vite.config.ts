// Builds the renderer into dist/renderer. base './' so that Electron can load it from file://
// and browser mode can serve it from any path.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// A build is always a production build, even when started from a test runner that set
// NODE_ENV=test (React's development build is several times slower; Vite keeps a set NODE_ENV).
if (process.argv.includes('build')) process.env.NODE_ENV = 'production';

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 2000,
  },
});
