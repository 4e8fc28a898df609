import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The shared corpus, next to the repository (DEVELOPERS.md: tests read ../shared/corpus). */
export const repoRoot = path.resolve(__dirname, '../../..');
export const corpusRoot = path.resolve(repoRoot, '../shared/corpus');
export const tcpdumpFolder = path.join(corpusRoot, 'tcpdump');
export const tcpdump4993Folder = path.join(tcpdumpFolder, 'tcpdump-4.99.3');

export interface ManifestRow {
  commit: string;
  exercises: string;
  debianMatches: string;
  testName: string;
  corpusPath: string;
}

/** MANIFEST.tsv rows, by the column names of its header. */
export function manifestRows(): ManifestRow[] {
  const [header = '', ...lines] = readFileSync(path.join(corpusRoot, 'MANIFEST.tsv'), 'utf8').split('\n');
  const columns = header.split('\t');
  const column = (name: string) => columns.indexOf(name);
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.split('\t');
      return {
        commit: cells[column('commit')] ?? '',
        exercises: cells[column('exercises')] ?? '',
        debianMatches: cells[column('debian_tcpdump_matches_expected')] ?? '',
        testName: cells[column('test_name')] ?? '',
        corpusPath: cells[column('corpus_path')] ?? '',
      };
    });
}
