// `netmortem interfaces [--json]`: the interfaces the capture helper can capture on.
import type { Command } from 'commander';
import { CaptureError } from '../../capture/capture-error';
import { listInterfaces, type InterfaceInfo } from '../../capture/list-interfaces';
import { writeStdout } from '../stdout';

export function register(program: Command): void {
  program
    .command('interfaces')
    .description('list the interfaces netmortem can capture on')
    .option('--json', 'print them as JSON')
    .option(
      '--helper <path>',
      'the capture helper binary (default: found next to netmortem, or $NETMORTEM_CAPTURE_HELPER)',
    )
    .action(async (options: { json?: boolean; helper?: string }) => {
      let interfaces: InterfaceInfo[];
      try {
        interfaces = await listInterfaces({ helperPath: options.helper });
      } catch (error) {
        if (error instanceof CaptureError) throw new Error(oneLine(error));
        throw error;
      }
      await writeStdout(
        options.json ? `${JSON.stringify(interfaces, null, 2)}\n` : interfaceTable(interfaces),
      );
    });
}

function oneLine(error: CaptureError): string {
  return error.fix && !error.message.includes(error.fix)
    ? `${error.message}. Fix: ${error.fix}`
    : error.message;
}

export function interfaceTable(interfaces: InterfaceInfo[]): string {
  const header = ['NAME', 'STATE', 'LINK TYPE', 'ADDRESSES', 'DESCRIPTION'];
  const rows = interfaces.map((entry) => [
    entry.name,
    [entry.up ? 'up' : 'down', entry.running ? 'running' : '', entry.loopback ? 'loopback' : '']
      .filter(Boolean)
      .join(','),
    entry.linkType ?? (entry.linkTypeUnavailable ? `(${entry.linkTypeUnavailable})` : '-'),
    entry.addresses
      .filter((address) => address.family !== 'link')
      .map((address) => address.address)
      .join(' ') || '-',
    entry.description ?? '',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const format = (row: string[]): string =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return `${[header, ...rows].map(format).join('\n')}\n`;
}
