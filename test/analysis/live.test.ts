// Live capture: result() any number of times without ending the analysis, events in batches.
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../electron/common/analysis/analyzer';
import { analysisSchema } from '../../electron/common/report/analysis-schema';
import { CaptureBuilder, baseSeconds, isoAt } from './support/capture-builder';

const client = '192.0.2.10';
const server = '198.51.100.53';

describe('live analysis', () => {
  it('result() mid-capture leaves the analysis as it was: the final result equals a one-shot analysis', () => {
    const capture = new CaptureBuilder();
    for (let index = 0; index < 12; index++) {
      const sent = capture.query({
        at: index * 2,
        client,
        server,
        clientPort: 30000 + index,
        id: index,
        name: 'www.example',
      });
      if (index >= 4 && index < 8) continue; // silent: timeouts, still in their late-answer window at the mid-point
      capture.response(sent, { at: index * 2 + 0.01 });
    }
    const packets = capture.packets();
    const live = new Analyzer();
    const once = new Analyzer();
    packets.forEach((packet, index) => {
      live.add(packet);
      once.add(packet);
      if (index % 3 === 0) analysisSchema.parse(live.result({ files: [] }));
    });
    const middle = live.result({ files: [] });
    expect(middle).toEqual(live.result({ files: [] }));
    expect(live.result({ files: [] })).toEqual(once.result({ files: [] }));
    expect(
      middle.incidents.map((incident) => [incident.kind, incident.start, incident.end, incident.queries]),
    ).toEqual([['dns-timeout', isoAt(8), isoAt(14), 4]]);
  });

  it('drain() hands out each event once, in frame order; eventLines: false leaves lines empty', () => {
    const capture = new CaptureBuilder();
    const first = capture.query({ at: 0, client, server, id: 1, name: 'a.example' });
    capture.response(first, { at: 0.01, rcode: 3 });
    const second = capture.query({ at: 1, client, server, clientPort: 40001, id: 2, name: 'b.example' });
    const analyzer = new Analyzer({ events: true, eventLines: false });
    const packets = capture.packets();
    analyzer.add(packets[0]!);
    analyzer.add(packets[1]!);
    const batch = analyzer.drain();
    expect(batch.events.map((event) => [event.frame, event.kind, event.line])).toEqual([
      [1, 'dns-query', ''],
      [2, 'dns-response', ''],
    ]);
    expect(batch.events[1]).toMatchObject({ rcode: 'NXDOMAIN', queryFrame: 1 });
    expect(batch.updates).toEqual([{ frame: 1, outcome: 'nxdomain', settledBy: 2 }]);
    analyzer.add(packets[2]!);
    analyzer.advanceTo(baseSeconds + 7);
    const later = analyzer.drain();
    expect(later.events.map((event) => event.frame)).toEqual([second.frame]);
    expect(later.updates).toEqual([{ frame: 3, outcome: 'unanswered' }]);
    expect(analyzer.drain()).toEqual({ events: [], updates: [] });
  });

  it('events are off by default: nothing is queued', () => {
    const capture = new CaptureBuilder();
    capture.query({ at: 0, client, server, id: 1, name: 'a.example' });
    const analyzer = new Analyzer();
    for (const packet of capture.packets()) analyzer.add(packet);
    expect(analyzer.drain()).toEqual({ events: [], updates: [] });
  });
});
