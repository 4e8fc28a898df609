/**
 * Where the capture helper binary is. In order: an explicit path (the app's option), the
 * NETMORTEM_CAPTURE_HELPER environment variable, the packaged app's resources folder
 * (Electron's process.resourcesPath), then native/build/ of a source checkout found by
 * walking up from the running script and from the working directory.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CaptureError } from './capture-error';

export const helperName = 'netmortem-capture';
export const helperEnvironmentVariable = 'NETMORTEM_CAPTURE_HELPER';

/** How far up a checkout may be from the running script (dist/, electron/node/capture/, ...). */
const maximumLevelsUp = 6;

export function findHelperPath(explicitPath?: string): string {
  const fromEnvironment = process.env[helperEnvironmentVariable];
  if (explicitPath) return requireExecutable(resolve(explicitPath), 'the helper path option');
  if (fromEnvironment) return requireExecutable(resolve(fromEnvironment), helperEnvironmentVariable);
  const candidates = helperCandidates();
  for (const candidate of candidates) if (isExecutable(candidate)) return candidate;
  throw new CaptureError(
    'helper-missing',
    `the capture helper ${helperName} was not found (looked in ${candidates.join(', ')}). Build it with \`npm run build native\` or set ${helperEnvironmentVariable}.`,
  );
}

function helperCandidates(): string[] {
  const candidates: string[] = [];
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, helperName));
  const starts = [
    process.argv[1] ? dirname(resolve(process.argv[1])) : undefined,
    typeof __dirname === 'string' ? __dirname : undefined,
    process.cwd(),
  ];
  for (const start of starts) {
    if (!start) continue;
    let folder = start;
    for (let level = 0; level <= maximumLevelsUp; level += 1) {
      const candidate = join(folder, 'native', 'build', helperName);
      if (!candidates.includes(candidate)) candidates.push(candidate);
      const parent = dirname(folder);
      if (parent === folder) break;
      folder = parent;
    }
  }
  return candidates;
}

function requireExecutable(path: string, source: string): string {
  if (isExecutable(path)) return path;
  throw new CaptureError(
    'helper-missing',
    `the capture helper given by ${source} is not an executable file: ${path}`,
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
