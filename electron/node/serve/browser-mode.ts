/**
 * `netmortem serve`: the main-side service and the server together, with a temporary export
 * folder that goes when they do. Returns once listening; close() releases everything.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createService } from '../service/service';
import { dataDirectory } from './app-folders';
import { findRendererRoot } from './renderer-root';
import { startServer, type RunningServer } from './server';

export interface BrowserModeOptions {
  port?: number;
  rendererRoot?: string;
  helperPath?: string;
}

export interface BrowserMode {
  server: RunningServer;
  close(): Promise<void>;
}

export async function startBrowserMode(options: BrowserModeOptions = {}): Promise<BrowserMode> {
  const exportDirectory = await mkdtemp(join(tmpdir(), 'netmortem-exports-'));
  const service = createService({
    dataDirectory: dataDirectory(),
    exportDirectory,
    ...(options.helperPath ? { capture: { helperPath: options.helperPath } } : {}),
  });
  try {
    const server = await startServer({
      service,
      rendererRoot: options.rendererRoot ?? findRendererRoot(),
      ...(options.port ? { port: options.port } : {}),
    });
    return {
      server,
      close: async () => {
        await server.close();
        await service.dispose();
        await rm(exportDirectory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await service.dispose();
    await rm(exportDirectory, { recursive: true, force: true });
    throw error;
  }
}

/** Opens a URL in the desktop's browser; says so when it cannot. */
export function openInBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.once('error', () =>
    process.stderr.write(`netmortem: could not start ${command}; open the URL above yourself\n`),
  );
  child.unref();
}
