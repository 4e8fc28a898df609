/**
 * A browser-mode server over a real service with a synthetic capture loaded: what the
 * WebSocket hostile tests stall, fuzz and flood. Release it with `close()`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticCapture } from '../../../bench/synthetic-capture';
import { startServer, type RunningServer } from '../../../electron/node/serve/server';
import { createService } from '../../../electron/node/service/service';
import type { Service } from '../../../electron/node/service/service-types';

export interface LoadedServer {
  service: Service;
  server: RunningServer;
  /** The loaded file session. */
  sessionId: string;
  close(): Promise<void>;
}

export async function startLoadedServer(options: {
  name: string;
  packets: number;
  seed: number;
  log?: (line: string) => void;
}): Promise<LoadedServer> {
  const folder = await mkdtemp(join(tmpdir(), `netmortem-${options.name}-`));
  const capture = join(folder, 'synthetic.pcap');
  writeSyntheticCapture(capture, { packets: options.packets, seed: options.seed });
  const service = createService({
    dataDirectory: join(folder, 'data'),
    exportDirectory: join(folder, 'exports'),
  });
  const close = async (): Promise<void> => {
    await server?.close();
    await service.dispose();
    await rm(folder, { recursive: true, force: true });
  };
  let server: RunningServer | undefined;
  try {
    await mkdir(join(folder, 'renderer'));
    await writeFile(join(folder, 'renderer', 'index.html'), '<!doctype html><title>netmortem</title>');
    server = await startServer({
      service,
      rendererRoot: join(folder, 'renderer'),
      ...(options.log ? { log: options.log } : {}),
    });
    const ended = new Promise<unknown>((resolve) => {
      const unsubscribe = service.subscribe((event) => {
        if (event.name === 'sessionEnded') {
          unsubscribe();
          resolve(event.payload);
        }
      });
    });
    const opened = await service.call('openFiles', { paths: [capture] });
    if (!opened.ok) throw new Error(opened.error.message);
    const sessionId = (opened.value as { id: string }).id;
    const end = (await ended) as { state?: string; message?: string | null };
    if (end.state !== 'done') throw new Error(`the synthetic capture did not load: ${JSON.stringify(end)}`);
    return { service, server, sessionId, close };
  } catch (error) {
    await close();
    throw error;
  }
}
