// Starts a capture session on the client's interface, with the helper run inside the client
// namespace, and keeps what it streams.
import type { CaptureSession } from '../../../electron/node/capture/capture-session-types';
import { startCaptureSession } from '../../../electron/node/capture/capture-session';
import { BatchRecorder } from '../../capture-session/support/recorder';
import type { Topology } from './topology';

export const dnsFilter = 'udp port 53 or icmp or icmp6';

export interface ClientCapture {
  session: CaptureSession;
  recorder: BatchRecorder;
}

export async function captureOnClient(
  topology: Topology,
  dataDirectory: string,
  timeoutSeconds = 5,
): Promise<ClientCapture> {
  const recorder = new BatchRecorder();
  const session = startCaptureSession(
    {
      interface: topology.clientInterface,
      filter: dnsFilter,
      dataDirectory,
      timeoutSeconds,
      launcher: ['ip', 'netns', 'exec', topology.client],
    },
    recorder,
  );
  if (!(await session.started)) {
    const summary = await session.ended;
    throw new Error(`the capture did not start: ${summary.error?.message ?? summary.reason}`);
  }
  return { session, recorder };
}
