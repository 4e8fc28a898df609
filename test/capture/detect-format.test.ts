import { describe, expect, it } from 'vitest';
import { detectCaptureFormat } from '../../electron/common/capture/detect-format';
import { hex } from './fixtures/hex';

const text = (value: string) => new TextEncoder().encode(value);

describe('capture format detection, by content only', () => {
  it('knows the four pcap magics and pcapng', () => {
    for (const magic of [hex`a1 b2 c3 d4`, hex`d4 c3 b2 a1`, hex`a1 b2 3c 4d`, hex`4d 3c b2 a1`]) {
      expect(detectCaptureFormat(magic)).toEqual({ format: 'pcap' });
    }
    expect(detectCaptureFormat(hex`0a 0d 0d 0a 1c 00 00 00 4d 3c 2b 1a`)).toEqual({ format: 'pcapng' });
  });

  it('knows a tcpdump text log, with or without date, packet numbers and banner', () => {
    expect(
      detectCaptureFormat(
        text('13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.domain: 35084+ A? x. (24)\n'),
      ),
    ).toEqual({
      format: 'tcpdump-text',
    });
    expect(
      detectCaptureFormat(
        text(
          'reading from file x.pcap, link-type EN10MB (Ethernet)\n\n    1  2026-11-25 13:24:32.192571 IP 1.2.3.4 > 5.6.7.8: ICMP echo request, id 1, seq 1, length 64\n',
        ),
      ),
    ).toEqual({
      format: 'tcpdump-text',
    });
    expect(
      detectCaptureFormat(
        text('1795613072.192571 IP 1.2.3.4 > 5.6.7.8: ICMP echo request, id 1, seq 1, length 64'),
      ),
    ).toEqual({
      format: 'tcpdump-text',
    });
  });

  it('explains what it does not read', () => {
    expect(detectCaptureFormat(new Uint8Array(0))).toEqual({
      format: 'unknown',
      reason: 'the file is empty',
    });
    expect(detectCaptureFormat(hex`1f 8b 08 00`)).toEqual({
      format: 'unknown',
      reason: 'not a capture this tool reads: a gzip-compressed file (decompress it first)',
    });
    expect(detectCaptureFormat(hex`a1 b2 cd 34`)).toMatchObject({ reason: /Kuznetzov/ });
    expect(detectCaptureFormat(text('root:x:0:0:root:/root:/bin/bash\n'))).toEqual({
      format: 'unknown',
      reason:
        'not a pcap, pcapng or tcpdump text file (first bytes 72 6f 6f 74; a text log needs tcpdump lines that start with a time stamp)',
    });
    // A file name is not content: a pcap named .txt is a pcap, text is never taken for binary.
    expect(detectCaptureFormat(hex`00 01 02 03 04 05`).format).toBe('unknown');
  });

  it('does not take binary data that happens to start with digits for text', () => {
    expect(detectCaptureFormat(Uint8Array.from([...text('13:24:32.1 IP '), 0, 1, 2])).format).toBe('unknown');
  });
});
