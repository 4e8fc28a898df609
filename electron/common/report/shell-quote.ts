/**
 * Quotes a value for a POSIX shell command the report suggests. The report puts DNS names
 * from the capture into commands an analyst will paste (`dig @server NAME`): a name such as
 * `$(reboot).example` must stay an argument, never become a command.
 */
import { printable } from './printable';

export function shellQuote(value: string): string {
  const text = printable(value);
  if (/^[A-Za-z0-9._:@%+=,/-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
