// The `netmortem` command line, loaded by main.ts. Each command lives in its own file under
// commands/ and registers itself on the program; this file only wires them together.
import { Command } from 'commander';
import { version } from '../../common/version';
import { stopEarlyFrameWorkers } from '../files/frame-worker-start';
import { registerCommands } from './commands';

const program = new Command()
  .name('netmortem')
  .description('Turns packet captures into network incident reports.')
  .version(version)
  .showHelpAfterError();

registerCommands(program);

program
  .parseAsync(process.argv)
  // A frame worker main.ts started on a file the command never read has nothing left to do.
  .then(stopEarlyFrameWorkers)
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`netmortem: ${message}\n`);
    process.exit(process.exitCode && process.exitCode !== 0 ? process.exitCode : 1);
  });
