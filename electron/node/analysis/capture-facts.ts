/**
 * The capture facts the Analyzer cannot see in packets, for files read from disk: per file
 * its sha256, format, link types and counts, and the reading warnings (named after their
 * file when there are several). A live capture sets interface, filter and drops itself.
 */
import type { CaptureFacts } from '../../common/analysis/analyzer';
import type { CaptureFileInfo } from '../files/read-capture';

export function captureFacts(files: readonly CaptureFileInfo[]): CaptureFacts {
  return {
    files: files.map((file) => ({
      path: file.path,
      sha256: file.sha256,
      format: file.format,
      linkTypes: file.linkTypes,
      packets: file.packets,
      unreadable: file.unreadable,
    })),
    interface: null,
    filter: null,
    dropped: null,
    warnings: files.flatMap((file) =>
      file.warnings.map((warning) => (files.length > 1 ? `${file.path}: ${warning}` : warning)),
    ),
  };
}
