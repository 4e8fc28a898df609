// Enforces the layout rule: a folder may import only from its own kind or a more general one.
// common (pure TS) < node (Node) < main/preload (Electron). The renderer sees only common.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(folder);
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(entry)) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(
    /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    found.push((match[1] ?? match[2] ?? match[3])!);
  }
  return found;
}

function targetFolder(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return relative(root, resolve(dirname(file), specifier));
}

const nodeBuiltin = /^(node:|fs$|path$|os$|child_process$|net$|http$|crypto$|stream$|worker_threads$)/;

describe('layout rule', () => {
  it('electron/common imports no Node, no Electron, no DOM-only package, and nothing outside common', () => {
    for (const file of sourceFiles(join(root, 'electron/common'))) {
      for (const specifier of imports(file)) {
        expect(
          nodeBuiltin.test(specifier) || specifier === 'electron',
          `${relative(root, file)} imports ${specifier}`,
        ).toBe(false);
        const target = targetFolder(file, specifier);
        if (target)
          expect(target.startsWith('electron/common'), `${relative(root, file)} imports ${target}`).toBe(
            true,
          );
      }
    }
  });
  it('electron/node imports no Electron and nothing from main or preload', () => {
    for (const file of sourceFiles(join(root, 'electron/node'))) {
      for (const specifier of imports(file)) {
        expect(specifier, `${relative(root, file)}`).not.toBe('electron');
        const target = targetFolder(file, specifier);
        if (target)
          expect(/^electron\/(common|node)/.test(target), `${relative(root, file)} imports ${target}`).toBe(
            true,
          );
      }
    }
  });
  it('the renderer imports only electron/common from the main side', () => {
    for (const file of sourceFiles(join(root, 'renderer/src'))) {
      for (const specifier of imports(file)) {
        expect(
          nodeBuiltin.test(specifier) || specifier === 'electron',
          `${relative(root, file)} imports ${specifier}`,
        ).toBe(false);
        const target = targetFolder(file, specifier);
        if (target && target.startsWith('electron'))
          expect(target.startsWith('electron/common'), `${relative(root, file)} imports ${target}`).toBe(
            true,
          );
      }
    }
  });
});
