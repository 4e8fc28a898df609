// The `netmortem` command's entry: small on purpose. For `netmortem analyze` on a big capture
// file it starts the frame worker first (frame-worker-start.ts), so that the worker reads and
// parses the first chunks on the second core while this thread loads the commands, a tenth of
// a second of the run; then it loads them (program.ts, a bundle chunk of its own).
import * as nodeModule from 'node:module';
import { prestartFrameWorker } from '../files/frame-worker-start';

// Node 22.1 and later can keep V8's compiled code of the bundle between runs, in the system's
// temporary folder (TypeScript's tsc does the same): a fifth of the start. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const [command, ...rest] = process.argv.slice(2);
// Any argument may be a file: an option's value that is a big capture only costs an unclaimed worker.
if (command === 'analyze') prestartFrameWorker(rest.filter((argument) => !argument.startsWith('-')));

await import('./program');
