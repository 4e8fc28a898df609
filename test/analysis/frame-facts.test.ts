// The frame worker's slots (electron/common/analysis/frame-facts.ts) must carry every field the
// analysis reads: each corpus frame read by readFrameInto, written into a slot and read back by
// FactsReader, must give the same fields as readFrameInto did. Batches are small and the string
// table's limit low, so that ids start over many times, as they would on a big capture.
import { describe, expect, it } from 'vitest';
import {
  FactsReader,
  kindField,
  slotLength,
  SlotBuffer,
  SlotKind,
  StringTable,
  writeFacts,
} from '../../electron/common/analysis/frame-facts';
import { readFrameInto } from '../../electron/common/analysis/frame-reader';
import { LayerView } from '../../electron/common/analysis/layer-view';
import type { Frame } from '../../electron/common/model/frame';
import { CaptureFileError, readCaptureFile } from '../../electron/node/files/read-capture';
import { corpusCaptures } from '../capture/fixtures/corpus';
import { slotFieldsOf } from './support/slot-fields';
import { concat, ethernet, icmpError, ipv6Header } from './support/wire-bytes';

interface Reading {
  label: string;
  /** The frame's slot in its batch. */
  index: number;
  frame: Frame;
  /** What readFrameInto said: false when the frame is not for the fast path at all. */
  result: boolean;
  fields: Record<string, unknown>;
  quotedFields: Record<string, unknown>;
}

/**
 * Plays both threads of the frame worker: `add` reads and writes a frame as the worker does,
 * `flush` sends the batch and reads every written frame back as frame-worker-reader.ts does.
 */
class SlotRoundTrip {
  readonly view = new LayerView();
  readonly quotedView = new LayerView();
  /** The reading side reuses its views, as the Analyzer does: a field left stale would show. */
  readonly readView = new LayerView();
  readonly readQuotedView = new LayerView();
  readonly frames = new SlotBuffer();
  readonly quotes = new SlotBuffer();
  readonly strings: StringTable;
  readonly reader = new FactsReader();
  private readings: Reading[] = [];
  /** The arrays of the batch read last, given back to be written again. */
  private givenBack: { slots: ArrayBuffer; quotes: ArrayBuffer } | undefined;
  private reset = false;
  private started = false;
  written = 0;
  unread = 0;
  withQuote = 0;
  withDns = 0;
  resets = 0;

  constructor(stringLimit: number) {
    this.strings = new StringTable(stringLimit);
  }

  add(frame: Frame, label: string): void {
    if (!this.started) {
      this.started = true;
      this.reset = this.strings.startBatch();
    }
    const index = this.frames.count;
    const base = this.frames.append();
    const slots = this.frames.slots;
    const read = readFrameInto(this.view, this.quotedView, frame);
    // The frame, its bytes copied: an unread slot is read from them when the batch is read back.
    const kept: Frame = { ...frame, data: frame.data.slice() };
    if (!read || !writeFacts(slots, base, this.view, this.quotedView, this.quotes, this.strings)) {
      if (!read) slots[base + kindField] = SlotKind.unread;
      expect(slots[base + kindField], `${label}: an unwritten slot reads as unread`).toBe(SlotKind.unread);
      this.unread++;
      this.readings.push({
        label: `${label} (unread)`,
        index,
        frame: kept,
        result: read,
        fields: slotFieldsOf(this.view),
        quotedFields: slotFieldsOf(this.quotedView),
      });
      return;
    }
    this.written++;
    if (this.quotedView.ipVersion !== 0) this.withQuote++;
    if (this.view.dns) this.withDns++;
    this.readings.push({
      label,
      index,
      frame: kept,
      result: true,
      fields: slotFieldsOf(this.view),
      quotedFields: slotFieldsOf(this.quotedView),
    });
  }

  flush(): void {
    if (!this.started) return;
    this.started = false;
    const reader = this.reader;
    if (this.reset) this.resets++;
    // As the worker does, the next batch is written into the arrays the reader gave back, stale contents and all.
    const slots = this.frames.take(this.givenBack?.slots);
    const quotes = this.quotes.take(this.givenBack?.quotes);
    reader.receive({ slots, quotes, strings: this.strings.takeFresh(), reset: this.reset });
    for (const reading of this.readings) {
      reader.base = reading.index * slotLength;
      expect(reader.read(this.readView, this.readQuotedView, reading.frame), reading.label).toBe(
        reading.result,
      );
      if (!reading.result) continue;
      expect(slotFieldsOf(this.readView), reading.label).toEqual(reading.fields);
      expect(slotFieldsOf(this.readQuotedView), `${reading.label}, quoted`).toEqual(reading.quotedFields);
    }
    this.readings = [];
    this.givenBack = { slots: slots.buffer as ArrayBuffer, quotes: quotes.buffer as ArrayBuffer };
  }
}

describe('frame facts: slots carry what readFrameInto reads', () => {
  it('gives back every field of every corpus frame, across batches and string table restarts', async () => {
    // Batches of 25 frames and a table of 32 strings: the ids start over every few batches.
    const trip = new SlotRoundTrip(32);
    let frames = 0;
    for (const path of corpusCaptures()) {
      try {
        await readCaptureFile(path, {
          onFrame(frame) {
            frames++;
            trip.add(frame, `${path} frame ${frame.number}`);
            if (frames % 25 === 0) trip.flush();
          },
        });
      } catch (error) {
        if (!(error instanceof CaptureFileError)) throw error;
      }
      trip.flush();
    }
    console.log(
      `frame facts: ${trip.written} of ${frames} corpus frames written as facts (${trip.withDns} with DNS, ${trip.withQuote} with a quote), ${trip.unread} unread, ${trip.resets} string table restarts`,
    );
    // The slots must carry most of the traffic, or this test would prove little.
    expect(frames).toBeGreaterThan(2000);
    expect(trip.written).toBeGreaterThan(frames / 2);
    expect(trip.withDns).toBeGreaterThan(200);
    expect(trip.withQuote).toBeGreaterThan(40);
    expect(trip.resets).toBeGreaterThan(5);
  }, 120_000);

  it('carries an ICMPv6 Packet Too Big MTU of 2^31 or more (RFC 4443 §3.2: a 32-bit field)', () => {
    // 13:24:33.192571 IP6 2001:db8::1 > 2001:db8::15: ICMP6, packet too big, mtu 4294967295, length 56
    const quoted = concat(ipv6Header('2001:db8::15', '2001:db8::2', 59, 0, 64), new Uint8Array(8)); // next header 59: none
    const message = icmpError(true, 2, 0, quoted, 0xffffffff, '2001:db8::1', '2001:db8::15');
    const frame: Frame = {
      number: 1,
      seconds: 1_764_077_073,
      nanoseconds: 192_571_000,
      capturedLength: 0,
      originalLength: 0,
      linkType: 1,
      interfaceIndex: 0,
      data: concat(
        ethernet(0x86dd),
        ipv6Header('2001:db8::1', '2001:db8::15', 58, message.length, 64),
        message,
      ),
    };
    frame.capturedLength = frame.originalLength = frame.data.length;
    const trip = new SlotRoundTrip(200);
    trip.add(frame, 'packet too big');
    expect(trip.view.icmp?.mtu).toBe(0xffffffff);
    expect(trip.written).toBe(1);
    trip.flush();
  });
});

describe('frame facts: string table', () => {
  it('starts over at a batch boundary once past its limit, and ids restart from 0', () => {
    const table = new StringTable(3);
    expect(table.startBatch()).toBe(false);
    expect([table.idOf('192.0.2.1'), table.idOf('192.0.2.2'), table.idOf('192.0.2.1')]).toEqual([0, 1, 0]);
    expect(table.takeFresh()).toEqual(['192.0.2.1', '192.0.2.2']);
    // Below the limit: the table keeps its ids.
    expect(table.startBatch()).toBe(false);
    expect(table.idOf('192.0.2.2')).toBe(1);
    expect(table.idOf('example.com')).toBe(2);
    expect(table.takeFresh()).toEqual(['example.com']);
    // At the limit: the next batch starts over, and an old string is sent again under a new id.
    expect(table.startBatch()).toBe(true);
    expect(table.takeFresh()).toEqual([]);
    expect(table.idOf('example.com')).toBe(0);
    expect(table.idOf('192.0.2.1')).toBe(1);
    expect(table.takeFresh()).toEqual(['example.com', '192.0.2.1']);
    expect(table.startBatch()).toBe(false);
  });
});

describe('frame facts: views the slots cannot hold are left unread', () => {
  const written = (view: LayerView, quotedView: LayerView): { result: boolean; kind: number | undefined } => {
    const frames = new SlotBuffer();
    const base = frames.append();
    frames.slots[base + kindField] = SlotKind.facts; // stale, as a reused buffer may be
    const result = writeFacts(frames.slots, base, view, quotedView, new SlotBuffer(), new StringTable());
    return { result, kind: frames.slots[base + kindField] };
  };

  const viewOf = (fields: Partial<LayerView>): LayerView =>
    Object.assign(new LayerView(), { ttl: 64, ...fields });

  it('leaves a view whose IP id needs more than 16 bits (an IPv6 fragment header)', () => {
    const view = viewOf({
      ipVersion: 6,
      source: '2001:db8::1',
      destination: '2001:db8::2',
      protocol: 17,
      transport: 'UDP',
      ipId: 0x10000,
    });
    expect(written(view, new LayerView())).toEqual({ result: false, kind: SlotKind.unread });
    view.ipId = 0xffff;
    expect(written(view, new LayerView())).toEqual({ result: true, kind: SlotKind.facts });
  });

  it('leaves an ICMP error that quotes an ICMP message', () => {
    const view = viewOf({
      ipVersion: 4,
      source: '203.0.113.2',
      destination: '192.0.2.15',
      protocol: 1,
      icmp: { kind: 'icmp', type: 3, code: 3, mtu: undefined },
    });
    const quotedView = viewOf({
      ipVersion: 4,
      source: '192.0.2.15',
      destination: '203.0.113.2',
      protocol: 1,
      icmp: { kind: 'icmp', type: 8, code: 0, mtu: undefined },
    });
    expect(written(view, quotedView)).toEqual({ result: false, kind: SlotKind.unread });
    // The same error quoting a UDP datagram is written.
    quotedView.protocol = 17;
    quotedView.transport = 'UDP';
    quotedView.icmp = undefined;
    expect(written(view, quotedView)).toEqual({ result: true, kind: SlotKind.facts });
  });
});

describe('frame facts: slot buffers', () => {
  it('takes a given-back buffer for the next batch when it is big enough, and allocates otherwise', () => {
    const buffer = new SlotBuffer();
    for (let frame = 0; frame < 100; frame++) buffer.append();
    const given = new ArrayBuffer(slotLength * 200 * Int32Array.BYTES_PER_ELEMENT);
    expect(buffer.take(given)).toHaveLength(100 * slotLength);
    expect(buffer.slots.buffer).toBe(given);
    // The next batch is as big: 125 slots fit in a buffer of 200, not in one of 64.
    for (let frame = 0; frame < 100; frame++) buffer.append();
    const small = new ArrayBuffer(slotLength * 64 * Int32Array.BYTES_PER_ELEMENT);
    expect(buffer.take(small).buffer).toBe(given);
    expect(buffer.slots.buffer).not.toBe(small);
    expect(buffer.slots).toHaveLength(125 * slotLength);
  });
});
