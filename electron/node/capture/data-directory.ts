/**
 * The data folder when the host does not name one (the CLI; Electron passes its userData
 * path): $NETMORTEM_DATA_DIR, else $XDG_DATA_HOME/netmortem, else ~/.local/share/netmortem
 * (the XDG Base Directory specification's default).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function defaultDataDirectory(): string {
  const explicit = process.env.NETMORTEM_DATA_DIR;
  if (explicit) return resolve(explicit);
  const dataHome = process.env.XDG_DATA_HOME;
  // The specification says a relative XDG_DATA_HOME is invalid and must be ignored.
  if (dataHome && dataHome.startsWith('/')) return join(dataHome, 'netmortem');
  return join(homedir(), '.local', 'share', 'netmortem');
}
