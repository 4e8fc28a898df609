/** A path in the export folder that does not exist yet: name.md, then name-2.md, name-3.md... */
import { access, mkdir } from 'node:fs/promises';
import { dirname, extname } from 'node:path';

export async function uniquePath(path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const extension = extname(path);
  const stem = path.slice(0, path.length - extension.length);
  for (let attempt = 1; attempt < 10_000; attempt += 1) {
    const candidate = attempt === 1 ? path : `${stem}-${attempt}${extension}`;
    const exists = await access(candidate).then(
      () => true,
      () => false,
    );
    if (!exists) return candidate;
  }
  throw new Error(`no free file name like ${path}`);
}
