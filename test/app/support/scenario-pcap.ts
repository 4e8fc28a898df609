/**
 * The scenario as a pcap: three DNS queries for yummyrecipesforme.com from 192.51.100.15:52444
 * to 203.0.113.2:53, each answered by ICMP "udp port 53 unreachable" from 203.0.113.2, at the
 * times of ../shared/scenario/seed-tcpdump-log.txt. Bytes come from the analysis tests'
 * builder (real Ethernet, IPv4, UDP, DNS and ICMP, with checksums), e.g. the first pair:
 *   13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)
 *   13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length ...
 */
import { writeFile } from 'node:fs/promises';
import { LinkType } from '../../../electron/common/model/frame';
import { pcapFile } from '../../../electron/common/capture/pcap-writer';
import { CaptureBuilder } from '../../analysis/support/capture-builder';

/** Seconds after 13:00:00 of each query and of the ICMP error that answers it. */
const exchanges = [
  { query: 24 * 60 + 32.192571, error: 24 * 60 + 36.098564 },
  { query: 26 * 60 + 32.192571, error: 27 * 60 + 15.934126 },
  { query: 28 * 60 + 32.192571, error: 28 * 60 + 50.022967 },
];

export function scenarioCapture(): CaptureBuilder {
  const capture = new CaptureBuilder();
  for (const exchange of exchanges) {
    const sent = capture.query({
      at: exchange.query,
      client: '192.51.100.15',
      clientPort: 52444,
      server: '203.0.113.2',
      id: 35084,
      name: 'yummyrecipesforme.com',
      recursionDesired: true,
    });
    // ICMP type 3 (destination unreachable), code 3 (port unreachable), quoting the query.
    capture.icmp(sent, { at: exchange.error, from: '203.0.113.2', type: 3, code: 3 });
  }
  return capture;
}

/** The scenario `repeats` times, each round 10 minutes after the one before (big files for load tests). */
export function scenarioPcapBytes(repeats = 1): Uint8Array {
  const frames = scenarioCapture().frameList();
  const rounds = Array.from({ length: repeats }, (_, round) =>
    frames.map((frame) => ({ ...frame, seconds: frame.seconds + round * 600 })),
  );
  return pcapFile({ linkType: LinkType.EN10MB, nanosecond: true }, rounds.flat());
}

export async function writeScenarioPcap(path: string, repeats = 1): Promise<void> {
  await writeFile(path, scenarioPcapBytes(repeats));
}

/**
 * Healthy traffic, an outage and the recovery, at 13:24:00 on 2026-11-25: a query every 2 s to
 * 198.51.100.53, answered after 15 ms, except from 20 s to 30 s, when ICMP port unreachable
 * comes back 0.3 ms after each query. The service recovers with the answer at 13:24:30.015.
 */
export function outageAndRecoveryPcap(): Uint8Array {
  const capture = new CaptureBuilder();
  for (let at = 0; at < 40; at += 2) {
    const sent = capture.query({
      at: 24 * 60 + at,
      client: '192.0.2.10',
      clientPort: 20000 + at,
      server: '198.51.100.53',
      id: at,
      name: 'www.example',
    });
    if (at >= 20 && at < 30)
      capture.icmp(sent, { at: 24 * 60 + at + 0.0003, from: '198.51.100.53', type: 3, code: 3 });
    else capture.response(sent, { at: 24 * 60 + at + 0.015 });
  }
  return pcapFile({ linkType: LinkType.EN10MB, nanosecond: true }, capture.frameList());
}
