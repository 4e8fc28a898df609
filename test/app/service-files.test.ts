// Opening files through the service: events, analysis, paging, packet details, exports.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analysisSchema, type Analysis } from '../../electron/common/report/analysis-schema';
import {
  eventPageSchema,
  packetDetailsSchema,
  sessionInfoSchema,
  writtenFileSchema,
  type PacketDetails,
  type SessionInfo,
  type WrittenFile,
} from '../../electron/common/ipc/payload-schemas';
import { readCaptureFile } from '../../electron/node/files/read-capture';
import { scenarioCapture, writeScenarioPcap } from './support/scenario-pcap';
import { startHarness, type Harness } from './support/service-harness';

const scenarioLog = join(__dirname, '../../../shared/scenario/seed-tcpdump-log.txt');
const analyst = {
  title: '',
  reporter: 'A. Analyst',
  organisation: 'Example Corp',
  customerImpact: 'Customers saw "destination port unreachable".',
  notes: '',
};

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

async function open(paths: string[], date?: string): Promise<{ session: SessionInfo; analysis: Analysis }> {
  const session = sessionInfoSchema.parse(
    await harness.value('openFiles', { paths, ...(date ? { date } : {}) }),
  );
  const ended = await harness.next('sessionEnded', (payload) => payload.sessionId === session.id);
  expect(ended).toMatchObject({ state: 'done', message: null });
  const { analysis } = await harness.next('analysis', (payload) => payload.sessionId === session.id);
  return { session, analysis: analysisSchema.parse(analysis) };
}

describe('service with the scenario log', () => {
  it('streams the events, finds the incident and pages the events for a reloaded renderer', async () => {
    const { session, analysis } = await open([scenarioLog], '2026-11-25');
    expect(analysis.incidents.map((incident) => incident.kind)).toEqual(['dns-port-unreachable']);
    expect(analysis.incidents[0]!.causes[0]!.id).toBe('service-not-listening');
    const streamed = harness.events.flatMap((event) => (event.name === 'batch' ? event.payload.events : []));
    expect(streamed.map((event) => event.kind)).toEqual([
      'dns-query',
      'icmp-error',
      'dns-query',
      'icmp-error',
      'dns-query',
      'icmp-error',
    ]);

    const first = eventPageSchema.parse(
      await harness.value('getEvents', { sessionId: session.id, offset: 0, limit: 4 }),
    );
    const rest = eventPageSchema.parse(
      await harness.value('getEvents', { sessionId: session.id, offset: 4, limit: 4 }),
    );
    expect(first.total).toBe(6);
    expect([...first.events, ...rest.events].map((event) => event.frame)).toEqual([1, 2, 3, 4, 5, 6]);
    // Paged events carry the final outcomes, not the 'pending' they were streamed with.
    expect(first.events.filter((event) => event.kind === 'dns-query').map((event) => event.outcome)).toEqual([
      'icmp-failed',
      'icmp-failed',
    ]);
    expect(
      await harness.service.call('getEvents', { sessionId: 'another', offset: 0, limit: 4 }),
    ).toMatchObject({ ok: false, error: { code: 'no-session' } });
    expect(await harness.value('getSession', {})).toMatchObject({
      id: session.id,
      state: 'done',
      packets: 6,
      events: 6,
    });
  });

  it('shows a text-log packet with the line it came from', async () => {
    await open([scenarioLog], '2026-11-25');
    const details: PacketDetails = packetDetailsSchema.parse(
      await harness.value('getPacketDetails', { frame: 2 }),
    );
    expect(details.origin).toEqual({
      line: 2,
      text: '13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable length 254',
    });
    expect(details.bytes).toBe('');
    expect(JSON.stringify(details.layers)).toContain('Internet Control Message Protocol');
    expect(await harness.service.call('getPacketDetails', { frame: 7 })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('numbers a packet of a second text log in the session, as the events table does, with its own file line', async () => {
    await open([scenarioLog, scenarioLog], '2026-11-25');
    const details: PacketDetails = packetDetailsSchema.parse(
      await harness.value('getPacketDetails', { frame: 8 }),
    );
    expect(details.frame).toBe(8);
    expect(details.origin).toEqual({
      line: 2,
      text: '13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable length 254',
    });
    const first = packetDetailsSchema.parse(await harness.value('getPacketDetails', { frame: 2 }));
    expect(first.frame).toBe(2);
  });

  it('previews and exports the report under its default name', async () => {
    await open([scenarioLog], '2026-11-25');
    const preview = (await harness.value('previewReport', { format: 'md', analyst })) as {
      text: string;
      fileName: string;
    };
    expect(preview.fileName).toBe('incident-2026-11-25-1324-dns-port-unreachable.md');
    expect(preview.text).toContain('yummyrecipesforme.com');
    expect(preview.text).toContain('Example Corp');

    const markdown: WrittenFile = writtenFileSchema.parse(
      await harness.value('exportReport', { format: 'md', analyst }),
    );
    expect(markdown.fileName).toBe('incident-2026-11-25-1324-dns-port-unreachable.md');
    expect(harness.service.wroteFile(markdown.path)).toBe(true);
    expect(await readFile(markdown.path, 'utf8')).toContain('203.0.113.2');

    const json = writtenFileSchema.parse(
      await harness.value('exportReport', {
        format: 'json',
        analyst,
        path: join(harness.folder, 'report.json'),
      }),
    );
    expect(analysisSchema.parse(JSON.parse(await readFile(json.path, 'utf8'))).incidents[0]?.kind).toBe(
      'dns-port-unreachable',
    );
    // A second export under the default name does not overwrite the first.
    const again = writtenFileSchema.parse(await harness.value('exportReport', { format: 'md', analyst }));
    expect(again.fileName).toBe('incident-2026-11-25-1324-dns-port-unreachable-2.md');
    expect(harness.service.wroteFile('/etc/passwd')).toBe(false);
  });

  it('refuses to write packets a text log does not have', async () => {
    await open([scenarioLog], '2026-11-25');
    const answer = await harness.service.call('saveCapture', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'failed' } });
    if (!answer.ok) expect(answer.error.message).toMatch(/text log holds no packet bytes/);
  });
});

describe('service with the scenario pcap', () => {
  it('fetches any frame from the file on demand, with its layers and bytes', async () => {
    const path = join(harness.folder, 'scenario.pcap');
    await writeScenarioPcap(path);
    await open([path]);
    const frames = scenarioCapture().frameList();
    for (const frame of [2, 5, 1]) {
      const details = packetDetailsSchema.parse(await harness.value('getPacketDetails', { frame }));
      expect(details.frame).toBe(frame);
      expect(details.bytes).toBe(Buffer.from(frames[frame - 1]!.data).toString('hex'));
      expect(details.linkType).toBe('EN10MB');
    }
    const query = packetDetailsSchema.parse(await harness.value('getPacketDetails', { frame: 1 }));
    const labels = query.layers.map((node) => node.label);
    expect(labels[1]).toMatch(/^Ethernet II/);
    expect(labels[2]).toBe('Internet Protocol Version 4, Src: 192.51.100.15, Dst: 203.0.113.2');
    expect(labels[4]).toBe('Domain Name System (query)');
    // The DNS layer sits after 14 + 20 + 8 header bytes.
    expect(query.layers[4]).toMatchObject({ offset: 42 });
    const error = packetDetailsSchema.parse(await harness.value('getPacketDetails', { frame: 2 }));
    expect(JSON.stringify(error.layers)).toContain('Quoted datagram');
    expect(JSON.stringify(error.layers)).toContain('Code: 3 (');
  });

  it('saves the capture and the incident packets as pcap files that read back', async () => {
    const path = join(harness.folder, 'scenario.pcap');
    await writeScenarioPcap(path, 2);
    const { analysis } = await open([path]);
    const saved = writtenFileSchema.parse(await harness.value('saveCapture', {}));
    const savedInfo = await readCaptureFile(saved.path, {});
    expect(savedInfo).toMatchObject({ format: 'pcap', packets: 12, linkTypes: ['EN10MB'] });

    const incident = analysis.incidents[0]!;
    const exported = writtenFileSchema.parse(
      await harness.value('exportIncidentPackets', {
        incidentId: incident.id,
        path: join(harness.folder, 'incident.pcap'),
      }),
    );
    const times: number[] = [];
    const exportedInfo = await readCaptureFile(exported.path, {
      onFrame: (frame) => times.push(frame.seconds),
    });
    expect(exportedInfo.packets).toBe(incident.queries + incident.icmpErrors);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(await harness.service.call('exportIncidentPackets', { incidentId: 'inc-404' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
