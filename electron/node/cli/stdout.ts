/**
 * A command's output on stdout. A reader that goes away (`netmortem analyze FILE | head`)
 * ends the output quietly, as tcpdump does on SIGPIPE, rather than with an unhandled 'error'
 * event and a stack trace; any other write error is the command's, with what failed.
 */
let guarded = false;

export function writeStdout(content: string | Uint8Array): Promise<void> {
  const stdout = process.stdout;
  // The stream emits a failed write's error as an event too: heard here, answered through the write's callback.
  if (!guarded) {
    guarded = true;
    stdout.on('error', () => {});
  }
  return new Promise((resolve, reject) => {
    stdout.write(content, (error) => {
      if (!error || (error as NodeJS.ErrnoException).code === 'EPIPE') resolve();
      else reject(new Error(`cannot write the output: ${error.message}`));
    });
  });
}
