// `netmortem serve [--port N] [--open]`: the app in a browser, on 127.0.0.1 only, behind a token.
import { InvalidArgumentError, type Command } from 'commander';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new InvalidArgumentError('a port is a whole number from 1 to 65535');
  return port;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description(
      'run the app in your browser: serves it on 127.0.0.1 and prints the URL to open (with its access token)',
    )
    .option('-p, --port <port>', 'the port on 127.0.0.1 (default: a random free one)', parsePort)
    .option('--open', 'open the URL in the default browser')
    .option(
      '--helper <path>',
      'the capture helper binary (default: found next to netmortem, or $NETMORTEM_CAPTURE_HELPER)',
    )
    .action(async (options: { port?: number; open?: boolean; helper?: string }) => {
      // Loaded here, not with the CLI: the HTTP server and its modules cost every other command a tenth of its start.
      const { openInBrowser, startBrowserMode } = await import('../../serve/browser-mode');
      const mode = await startBrowserMode({
        ...(options.port ? { port: options.port } : {}),
        ...(options.helper ? { helperPath: options.helper } : {}),
      });
      process.stdout.write(
        `netmortem: browser mode on ${mode.server.url}\n(open that URL; it carries the access token. Ctrl-C stops.)\n`,
      );
      if (options.open) openInBrowser(mode.server.url);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await mode.close();
    });
}
