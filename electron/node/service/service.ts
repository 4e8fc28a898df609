/**
 * The main-side service: UI-agnostic, Node only, hosted by Electron's main process and by
 * browser mode alike. It owns the one current session (opened files or a live capture),
 * answers the contract's requests after checking them (validate-call.ts), and pushes the
 * contract's events to its subscribers.
 */
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type {
  EventName,
  EventPayload,
  RequestName,
  RequestResult,
  ValidRequestArgs,
} from '../../common/ipc/contract';
import type { Unsubscribe } from '../../common/ipc/bridge';
import { checkFilter } from '../capture/check-filter';
import { listInterfaces } from '../capture/list-interfaces';
import { captureInterfaceOf } from './capture-interfaces';
import { detailsOf } from './details-of';
import { eventLines } from './event-lines';
import { FileSession } from './file-session';
import { LiveSession } from './live-session';
import { exportIncidentPackets, saveCapture } from './pcap-actions';
import { previewReport, reportInput, writeReport } from './report-actions';
import { failureOf, ServiceError } from './service-error';
import type { HostCapabilities, PushedEvent, Service } from './service-types';
import type { SessionRecord } from './session-record';
import { validateCall } from './validate-call';
import { defaultFileName } from '../../common/report/default-file-name';
import { uniquePath } from './unique-path';

export interface ServiceOptions {
  /** The app's data folder: live captures' rolling pcap files go in <dataDirectory>/captures/. */
  dataDirectory: string;
  /** Where exports without a path are written. */
  exportDirectory: string;
  host?: HostCapabilities;
  /** The capture helper and an optional launcher (tests run it inside a network namespace). */
  capture?: { helperPath?: string; launcher?: string[] };
  /** DNS query timeout for live captures (the analysis default when absent). */
  timeoutSeconds?: number;
}

type Handlers = { [N in RequestName]: (args: ValidRequestArgs<N>) => Promise<RequestResult<N>> };

let sessionCounter = 0;
const newSessionId = (): string => `${Date.now().toString(36)}-${++sessionCounter}`;

export function createService(options: ServiceOptions): Service {
  const listeners = new Set<(event: PushedEvent) => void>();
  const written = new Set<string>();
  const host = options.host ?? {};
  const helper = options.capture ?? {};
  let current: SessionRecord | undefined;
  let disposed = false;

  const push = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    const event = { name, payload } as PushedEvent;
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // One broken subscriber (a closed socket) must not starve the others.
      }
    }
  };

  const replaceSession = (next: () => SessionRecord): SessionRecord => {
    if (current instanceof LiveSession && current.active)
      throw new ServiceError('busy', 'a live capture is running: stop it first');
    current?.dispose();
    current = undefined;
    current = next();
    return current;
  };

  const requireAnalysis = () => {
    if (!current?.analysis)
      throw new ServiceError(
        'no-session',
        current ? 'the analysis is not ready yet' : 'open a capture or capture live first',
      );
    return { session: current, analysis: current.analysis };
  };

  const targetPath = async (path: string | undefined, fileName: string): Promise<string> => {
    const chosen =
      path === undefined
        ? await uniquePath(join(options.exportDirectory, fileName))
        : isAbsolute(path)
          ? path
          : resolve(options.exportDirectory, path);
    written.add(chosen);
    return chosen;
  };

  const handlers: Handlers = {
    listInterfaces: async () => (await listInterfaces(helper)).map(captureInterfaceOf),
    checkFilter: async ({ filter, interface: name }) => {
      const check = await checkFilter(filter, name, helper);
      return check.ok ? { valid: true, message: null } : { valid: false, message: check.message };
    },
    startCapture: async (args) =>
      replaceSession(
        () =>
          new LiveSession(
            newSessionId(),
            {
              interface: args.interface,
              ...(args.filter?.trim() ? { filter: args.filter } : {}),
              ...(args.snapLength ? { snaplen: args.snapLength } : {}),
              ...(args.promiscuous !== undefined ? { promiscuous: args.promiscuous } : {}),
              ...(options.timeoutSeconds !== undefined ? { timeoutSeconds: options.timeoutSeconds } : {}),
              dataDirectory: options.dataDirectory,
              ...helper,
            },
            push,
          ),
      ).info,
    stopCapture: async () => {
      if (!(current instanceof LiveSession))
        throw new ServiceError('no-session', 'no live capture is running');
      await current.stop();
      return current.info;
    },
    openFiles: async ({ paths, date }) => {
      const resolved = paths.map((path) => resolve(path));
      for (const path of resolved) {
        const info = await stat(path).catch(() => undefined);
        if (!info) throw new ServiceError('not-found', `no such file: ${path}`);
        if (!info.isFile()) throw new ServiceError('not-found', `not a file: ${path}`);
      }
      return replaceSession(() => new FileSession(newSessionId(), resolved, date, push)).info;
    },
    cancelLoad: async () => {
      if (current instanceof FileSession) current.cancel();
      return current?.info ?? null;
    },
    getSession: async () => current?.info ?? null,
    getEvents: async ({ sessionId, offset, limit }) => {
      if (!current || current.id !== sessionId)
        throw new ServiceError('no-session', `no session ${JSON.stringify(sessionId.slice(0, 40))}`);
      return { events: current.log.page(offset, limit), total: current.log.size };
    },
    getEventLines: async ({ sessionId, frames }) => {
      if (!current || current.id !== sessionId)
        throw new ServiceError('no-session', `no session ${JSON.stringify(sessionId.slice(0, 40))}`);
      return { sessionId, lines: await eventLines(current.frames, frames) };
    },
    getAnalysis: async () => current?.analysis ?? null,
    getPacketDetails: async ({ frame }) => {
      if (!current) throw new ServiceError('no-session', 'open a capture or capture live first');
      const packet = await current.frames.packet(frame);
      if (!packet)
        throw new ServiceError(
          'not-found',
          `frame ${frame} is not in this capture${current.active ? ' (or not indexed yet)' : ''}`,
        );
      return detailsOf(packet);
    },
    previewReport: async ({ format, analyst }) => {
      const { session, analysis } = requireAnalysis();
      return previewReport(reportInput(analysis, analyst, session.buckets.buckets()), format);
    },
    exportReport: async ({ format, analyst, path }) => {
      const { session, analysis } = requireAnalysis();
      const target = await targetPath(path, defaultFileName(analysis, format));
      return writeReport(reportInput(analysis, analyst, session.buckets.buckets()), format, target, host);
    },
    saveCapture: async ({ path }) => {
      const { session, analysis } = requireAnalysis();
      return saveCapture(session, analysis, (fileName) => targetPath(path, fileName));
    },
    exportIncidentPackets: async ({ incidentId, path }) => {
      const { session, analysis } = requireAnalysis();
      const incident = analysis.incidents.find((candidate) => candidate.id === incidentId);
      if (!incident)
        throw new ServiceError('not-found', `no incident ${JSON.stringify(incidentId)} in this analysis`);
      return exportIncidentPackets(session, incident, (fileName) => targetPath(path, fileName));
    },
    showOpenDialog: async () => {
      if (!host.showOpenDialog)
        throw new ServiceError('unsupported', 'no native dialogs here: upload the file or give its path');
      return host.showOpenDialog();
    },
    showSaveDialog: async ({ defaultName, extensions }) => {
      if (!host.showSaveDialog)
        throw new ServiceError('unsupported', 'no native dialogs here: the file is downloaded instead');
      const chosen = await host.showSaveDialog(basename(defaultName), extensions);
      if (chosen.path) written.add(chosen.path);
      return chosen;
    },
  };

  return {
    async call(name, args) {
      if (disposed)
        return {
          ok: false,
          error: { code: 'failed', message: 'the service has shut down', issues: [], fix: null },
        };
      const checked = validateCall(name, args);
      if (!checked.ok) return { ok: false, error: checked.failure };
      try {
        const handler = handlers[checked.name] as (args: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(checked.args) };
      } catch (error) {
        return { ok: false, error: failureOf(error) };
      }
    },
    subscribe(listener): Unsubscribe {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    wroteFile: (path) => written.has(path),
    async dispose() {
      if (disposed) return;
      disposed = true;
      const session = current;
      current = undefined;
      session?.dispose();
      listeners.clear();
    },
  };
}
