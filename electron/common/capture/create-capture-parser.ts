import type { CaptureParser, CaptureParserOptions } from './capture-parser';
import { PcapParser } from './pcap-parser';
import { PcapngParser } from './pcapng-parser';

/** The binary parser for a detected format. */
export function createCaptureParser(format: 'pcap' | 'pcapng', options: CaptureParserOptions): CaptureParser {
  return format === 'pcap' ? new PcapParser(options) : new PcapngParser(options);
}
