// Builds every part of netmortem: the CLI and main-side bundles (esbuild), the renderer (Vite)
// and the native capture helper (make). `node scripts/build.mjs [part...]` builds only those parts.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const wanted = new Set(process.argv.slice(2));
const want = (part) => wanted.size === 0 || wanted.has(part);

const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
};

async function main() {
  if (want('cli')) {
    mkdirSync(`${root}dist`, { recursive: true });
    // The CLI bundles its npm packages too: resolving and parsing them one by one from
    // node_modules was a third of a second at every start. playwright-core (PDF only) stays
    // outside and is imported when needed; ws's optional native helpers stay outside too.
    // A CommonJS package inside an ES module bundle needs a `require` of its own.
    // Split in two (cli.mjs, and the commands in a chunk beside it): the entry starts the frame
    // worker before the commands are even parsed (cli/main.ts). Chunks stay in dist/ itself,
    // beside frame-worker.cjs, which the worker's reader looks for beside its own file.
    for (const stale of readdirSync(`${root}dist`, { withFileTypes: true })) {
      if (stale.isFile() && /^cli-chunk-.*\.mjs(\.map)?$/.test(stale.name))
        rmSync(`${root}dist/${stale.name}`);
    }
    await build({
      ...nodeBundle,
      packages: undefined,
      external: ['playwright-core', 'electron', 'bufferutil', 'utf-8-validate'],
      banner: {
        js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
      },
      entryPoints: { cli: `${root}electron/node/cli/main.ts` },
      outdir: `${root}dist`,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'cli-chunk-[hash]',
      splitting: true,
      format: 'esm',
    });
  }
  // The frame worker (electron/node/files/frame-worker.ts) runs in a thread of its own, from
  // its own small bundle, beside the bundle that starts it (the CLI's, Electron's main).
  const frameWorker = (outfile) =>
    build({
      ...nodeBundle,
      entryPoints: [`${root}electron/node/files/frame-worker.ts`],
      outfile,
      format: 'cjs',
    });
  if (want('cli')) await frameWorker(`${root}dist/frame-worker.cjs`);
  if (want('electron')) await frameWorker(`${root}dist/electron/frame-worker.cjs`);
  if (want('electron')) {
    // Electron loads main and preload as CommonJS; a sandboxed preload may require only 'electron'.
    // frame-worker-start.ts reads import.meta.url only where __filename is undefined (an ES module): empty here, and never read.
    await build({
      ...nodeBundle,
      entryPoints: [`${root}electron/main/main.ts`],
      outfile: `${root}dist/electron/main.cjs`,
      format: 'cjs',
      external: ['electron'],
      logOverride: { 'empty-import-meta': 'silent' },
    });
    await build({
      ...nodeBundle,
      packages: undefined,
      entryPoints: [`${root}electron/preload/preload.ts`],
      outfile: `${root}dist/electron/preload.cjs`,
      format: 'cjs',
      external: ['electron'],
    });
  }
  if (want('renderer')) {
    execFileSync(
      process.execPath,
      [
        `${root}node_modules/vite/bin/vite.js`,
        'build',
        '--config',
        `${root}renderer/vite.config.ts`,
        '--logLevel',
        'warn',
      ],
      { stdio: 'inherit', cwd: root },
    );
  }
  if (want('native')) {
    execFileSync('make', ['-C', `${root}native`, '--no-print-directory'], { stdio: 'inherit' });
  }
}

main().catch((error) => {
  console.error(`build: ${error.message}`);
  process.exit(1);
});
