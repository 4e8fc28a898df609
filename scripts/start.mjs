// `npm start`: the Electron app when an Electron runtime can be had; otherwise, in one line,
// why not, and browser mode (`netmortem serve`) instead. Builds what is missing first.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function built(parts) {
  const missing = parts.filter((part) => !existsSync(join(root, part.output)));
  if (missing.length > 0)
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), ...missing.map((part) => part.name)], {
      stdio: 'inherit',
    });
}

/** The Electron binary, without ever triggering the electron package's download. */
function electronBinary() {
  const packageFolder = join(root, 'node_modules', 'electron');
  const pathFile = join(packageFolder, 'path.txt');
  const executable = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : process.platform === 'win32'
      ? 'electron.exe'
      : 'electron';
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, executable);
    return existsSync(candidate)
      ? { path: candidate }
      : { reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${executable}` };
  }
  if (!existsSync(pathFile)) return { reason: 'the Electron download is unavailable' };
  // require('electron') resolves the path only; with path.txt present it downloads nothing.
  const candidate = require('electron');
  return typeof candidate === 'string' && existsSync(candidate)
    ? { path: candidate }
    : { reason: 'the Electron binary is missing' };
}

const runtime = electronBinary();
if (runtime.path) {
  built([
    { name: 'electron', output: 'dist/electron/main.cjs' },
    { name: 'renderer', output: 'dist/renderer/index.html' },
  ]);
  const child = spawn(runtime.path, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  console.log(`netmortem: no Electron runtime here (${runtime.reason}); starting browser mode`);
  built([
    { name: 'cli', output: 'dist/cli.mjs' },
    { name: 'renderer', output: 'dist/renderer/index.html' },
  ]);
  const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const child = spawn(
    process.execPath,
    [join(root, 'bin/netmortem.js'), 'serve', ...(display ? ['--open'] : []), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}
