/**
 * "Save capture as pcap" and "Export the incident's packets": pcap files Wireshark opens,
 * written atomically (electron/node/files/write-pcap.ts). A pcap holds one link type, so a
 * capture mixing several (pcapng with several interfaces) is refused with the reason.
 */
import { basename } from 'node:path';
import { captureFileName, incidentPacketsFileName } from '../../common/ipc/export-names';
import type { WrittenFile } from '../../common/ipc/payload-schemas';
import { linkTypeName, type Frame } from '../../common/model/frame';
import type { Analysis, Incident } from '../../common/report/analysis-schema';
import { secondsOf } from '../../common/report/time-format';
import { readCaptureFile } from '../files/read-capture';
import { PcapFileWriter, writePcapFile } from '../files/write-pcap';
import { ServiceError } from './service-error';
import type { SessionRecord } from './session-record';

type Target = (fileName: string) => Promise<string>;

function mixedLinkTypes(first: number, other: number): ServiceError {
  return new ServiceError(
    'failed',
    `the capture mixes link types (${linkTypeName(first)} and ${linkTypeName(other)}); a pcap file holds only one`,
  );
}

async function firstFrame(session: SessionRecord): Promise<Frame> {
  for await (const frame of session.frames.frames([1])) return frame;
  throw new ServiceError('not-found', 'the capture has no packets to save');
}

export async function saveCapture(
  session: SessionRecord,
  analysis: Analysis | null,
  target: Target,
): Promise<WrittenFile> {
  const files = session.frames.binaryFiles();
  const linkType = (await firstFrame(session)).linkType;
  const path = await target(captureFileName(analysis));
  const writer = await PcapFileWriter.create(path, { linkType, nanosecond: true });
  try {
    for (const file of files) {
      await readCaptureFile(file, {
        onFrame: (frame) => {
          if (frame.linkType !== linkType) throw mixedLinkTypes(linkType, frame.linkType);
          // The writer copies the bytes at once; a write failure comes back from close().
          writer.write(frame).catch(() => undefined);
        },
      });
    }
    const result = await writer.close();
    return { path: result.path, fileName: basename(result.path), bytes: result.bytes };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** The frames of an incident: its evidence, and every event to or about its server in its window. */
export function incidentFrames(session: SessionRecord, incident: Incident): number[] {
  const start = secondsOf(incident.start) - 1e-6;
  const end = secondsOf(incident.end) + 1e-6;
  const frames = new Set(incident.evidence.map((evidence) => evidence.frame));
  for (const event of session.log.all()) {
    if (event.time < start || event.time > end) continue;
    if (
      event.server === incident.server.address &&
      event.serverPort === incident.server.port &&
      event.transport === incident.transport
    )
      frames.add(event.frame);
  }
  return [...frames].sort((a, b) => a - b);
}

export async function exportIncidentPackets(
  session: SessionRecord,
  incident: Incident,
  target: Target,
): Promise<WrittenFile> {
  const frames = session.frames.frames(incidentFrames(session, incident));
  const first = await frames.next();
  if (first.done)
    throw new ServiceError(
      'not-found',
      `the packets of ${incident.id} are not in the capture files any more`,
    );
  const linkType = first.value.linkType;
  async function* checked(): AsyncGenerator<Frame> {
    yield first.value as Frame;
    for await (const frame of frames) {
      if (frame.linkType !== linkType) throw mixedLinkTypes(linkType, frame.linkType);
      yield frame;
    }
  }
  const result = await writePcapFile(await target(incidentPacketsFileName(incident)), checked(), {
    linkType,
    nanosecond: true,
  });
  return { path: result.path, fileName: basename(result.path), bytes: result.bytes };
}
