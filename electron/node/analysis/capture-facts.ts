/**
 * The contract's capture facts for files read from disk: per file its sha256, format, link
 * types and counts; warnings named after their file when there are several. A live capture
 * sets interface, filter and drops itself.
 */
import { linkTypeName, type CaptureFormat } from '../../common/model/frame';

export interface FileFacts {
  path: string;
  sha256: string;
  format: CaptureFormat;
  /** LINKTYPE_* numbers or their names. */
  linkTypes: readonly (number | string)[];
  packets: number;
  unreadable: number;
  warnings: readonly string[];
}

export interface CaptureFacts {
  files: { path: string; sha256: string; format: CaptureFormat; linkTypes: string[]; packets: number; unreadable: number }[];
  interface: string | null;
  filter: string | null;
  dropped: number | null;
  warnings: string[];
}

export function captureFacts(files: readonly FileFacts[]): CaptureFacts {
  return {
    files: files.map((file) => ({
      path: file.path,
      sha256: file.sha256,
      format: file.format,
      linkTypes: file.linkTypes.map((linkType) => (typeof linkType === 'number' ? linkTypeName(linkType) : linkType)),
      packets: file.packets,
      unreadable: file.unreadable,
    })),
    interface: null,
    filter: null,
    dropped: null,
    warnings: files.flatMap((file) => file.warnings.map((warning) => (files.length > 1 ? `${file.path}: ${warning}` : warning))),
  };
}
