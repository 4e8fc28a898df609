/**
 * Writes a file so that readers see the old content or the new, never half of it: a temporary
 * file in the same folder (so the rename stays on one file system), fsync, rename over the
 * target, fsync the folder so the rename survives a crash. On any failure the temporary file
 * is removed and the error names the path and the reason in words.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export class ExportError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

const reasons: Record<string, string> = {
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the name is too long',
  EXDEV: 'the temporary file is on another file system',
};

function describe(error: unknown): { reason: string; code?: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && reasons[code]) return { reason: reasons[code], code };
  return { reason: error instanceof Error ? error.message : String(error), ...(code ? { code } : {}) };
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const target = resolve(path);
  const folder = dirname(target);
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new ExportError(`cannot write ${path}: it is a folder`, 'EISDIR');
  const temporary = join(folder, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    // 'wx' never follows or reuses an existing file; the mode keeps a replaced file's permissions.
    handle = await open(temporary, 'wx', existing ? existing.mode & 0o777 : 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temporary, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temporary, { force: true }).catch(() => undefined);
    const { reason, code } = describe(error);
    throw new ExportError(`cannot write ${path}: ${reason}`, code);
  }
  await syncFolder(folder);
}

/** Makes the rename durable (POSIX: a rename is recorded in the folder, not the file). */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder (EINVAL); the data itself is already synced.
  } finally {
    await handle.close();
  }
}
