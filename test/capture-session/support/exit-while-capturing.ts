// Run by capture-exit.test.ts as its own Node process (node --import tsx): starts a capture on
// lo, prints the helper's process id once it captures, then leaves the way argv[2] says:
// `exit` (process.exit), `throw` (an uncaught exception) or `hang` (waits to be killed).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCaptureSession } from '../../../electron/node/capture/capture-session';

const how = process.argv[2] ?? 'exit';
const session = startCaptureSession(
  { interface: 'lo', filter: 'udp port 53', dataDirectory: mkdtempSync(join(tmpdir(), 'nm-exit-')) },
  { onBatch: () => undefined },
);
if (!(await session.started)) {
  process.stderr.write(`the capture did not start: ${(await session.ended).error?.message}\n`);
  process.exit(2);
}
process.stdout.write(`${session.helperProcessId}\n`);
if (how === 'exit') process.exit(0);
if (how === 'throw') throw new Error('an uncaught failure while capturing');
// 'hang': a bounded wait; the test kills us long before it ends.
setTimeout(() => process.exit(3), 60_000);
