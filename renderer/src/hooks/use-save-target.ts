/**
 * Where a file the user asked for goes. Electron: the native save dialog (null when cancelled).
 * Browser mode: a path typed for the server, or undefined for the service's export folder,
 * after which the file is downloaded.
 */
import type { Api } from '../api/api';
import type { WrittenFile } from '../../../electron/common/ipc/payload-schemas';

export type SaveTarget = { path?: string } | null;

export async function chooseSaveTarget(
  api: Api,
  fileName: string,
  extension: string,
  serverPath?: string,
): Promise<SaveTarget> {
  if (api.host === 'electron') {
    const chosen = await api.showSaveDialog({ defaultName: fileName, extensions: [extension] });
    return chosen.path ? { path: chosen.path } : null;
  }
  return serverPath?.trim() ? { path: serverPath.trim() } : {};
}

export function describeWritten(file: WrittenFile): string {
  const size =
    file.bytes < 1024 * 1024
      ? `${(file.bytes / 1024).toFixed(1)} KB`
      : `${(file.bytes / 1024 / 1024).toFixed(1)} MB`;
  return `Wrote ${file.path} (${size})`;
}
