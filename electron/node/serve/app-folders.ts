/** Where browser mode keeps live captures' rolling pcap files: the XDG data folder, as a desktop app would. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function dataDirectory(): string {
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'netmortem');
}
