/**
 * A real capture (pcap bytes) whose DNS name is an HTML element: the client asks for
 * `<img src=x onerror=alert(1)>.example` three times and the server answers each query with
 * ICMP port unreachable. Built with the analysis tests' capture builder and the pcap writer.
 */
import { writeFileSync } from 'node:fs';
import { pcapFile } from '../../electron/common/capture/pcap-writer';
import { LinkType } from '../../electron/common/model/frame';
import { CaptureBuilder } from '../analysis/support/capture-builder';

export const hostileCaptureName = '<img src=x onerror=alert(1)>.example';

export function writeHostileCapture(path: string): void {
  const capture = new CaptureBuilder();
  const client = '192.0.2.10';
  const server = '198.51.100.53';
  for (let index = 0; index < 3; index++) {
    const sent = capture.query({
      at: index * 10,
      client,
      server,
      clientPort: 40000 + index,
      id: 100 + index,
      name: hostileCaptureName,
    });
    capture.icmp(sent, { at: index * 10 + 0.001, from: server, type: 3, code: 3 });
  }
  writeFileSync(path, pcapFile({ linkType: LinkType.EN10MB }, capture.frameList()));
}
