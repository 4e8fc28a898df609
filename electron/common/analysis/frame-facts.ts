/**
 * A frame's LayerViews as a few integers, so that one thread can read frames and another
 * analyse them (electron/node/files/frame-worker.ts reads a big capture file beside the
 * analysis). The reading thread runs readFrameInto and writes the views into a slot of an
 * Int32Array (and the datagram an ICMP error quotes into a slot of a second one); the
 * analysing thread fills its own views back from the slots, exactly as readFrameInto would
 * have. Strings (addresses, question names) travel once, by id, through a StringTable.
 */
import { ipv4TextOfKey } from '../decode/address-text';
import { nameCacheEntries } from '../decode/name-text-cache';
import type { Frame } from '../model/frame';
import { readFrameInto } from './frame-reader';
import type { DnsFacts, IcmpFacts, LayerView, Transport } from './layer-view';

/** Int32 fields per frame. */
export const slotLength = 16;

/** What a slot holds. */
export const SlotKind = {
  /** Nothing read: the analysing thread reads the frame itself (anything the fast path leaves, a view too wide for the slot). */
  unread: 0,
  /** Read, and the frame holds no IP the analysis would look at: an empty view. */
  noIp: 1,
  /** Read: the view's fields follow. */
  facts: 2,
} as const;

// Field offsets within a slot. The frame's own fields (where its bytes are, lengths, link
// type) come first, the view's after them; seconds travel in a Float64Array beside the slots.
export const dataField = 0; // byte offset in the batch's chunk, or -1 - index in its extra buffers
export const capturedField = 1;
export const originalField = 2;
export const nanosecondsField = 3;
export const linkField = 4;
export const interfaceField = 5; // pcapng interface index (unsigned, read back with >>> 0)
export const kindField = 6;
const bitsField = 7; // ip version | transport | flags | protocol | ttl, see below
const sourceField = 8; // string id, or the IPv4 address itself (ipv4KeysBit)
const destinationField = 9; // string id, or the IPv4 address itself
const portsField = 10; // source port << 16 | destination port; ICMP: type << 8 | code
const identificationField = 11; // IP id | DNS id << 16
const questionField = 12; // name string id (-1: no question); ICMP: the quote's slot (-1: none)
const rcodeField = 13; // 12 bits with EDNS (RFC 6891 §6.1.3); ICMP: the MTU (mtuBit says whether there is one)
const typeAndClassField = 14; // question type << 16 | class

// Bits of bitsField.
const transportShift = 4; // 0 none, 1 UDP, 2 TCP
const hasPortsBit = 1 << 6;
const dnsBit = 1 << 7;
const responseBit = 1 << 8;
const recursionDesiredBit = 1 << 9;
const recursionAvailableBit = 1 << 10;
const icmpBit = 1 << 11;
/** The address fields hold IPv4 addresses as numbers, not string ids. */
const ipv4KeysBit = 1 << 12;
/** An ICMP message with an MTU (RFC 1191 §4; RFC 4443 §3.2's is 32 bits, read back unsigned). */
const mtuBit = 1 << 13;
const protocolShift = 16; // 8 bits
const ttlShift = 24; // 8 bits

/** Strings by id, both ways: the writer assigns ids and collects the new strings for the next batch. */
export class StringTable {
  private readonly ids = new Map<string, number>();
  private fresh: string[] = [];
  /** Every string by id, and the id of a name by its entry in the name cache (-1: none yet). */
  private texts: string[] = [];
  private readonly byNameEntry = new Int32Array(nameCacheEntries).fill(-1);

  /** Past this many strings the table starts over (at a batch boundary), so that endless new names cannot grow it. */
  constructor(private readonly limit = 1 << 16) {}

  idOf(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(text, id);
      this.fresh.push(text);
      this.texts.push(text);
    }
    return id;
  }

  /**
   * idOf for a question name the name cache holds at `entry` (DnsFacts.nameEntry): while that
   * entry keeps the same text, its id is found by the entry, with no Map lookup.
   */
  idOfName(text: string, entry: number | undefined): number {
    if (entry === undefined || entry < 0) return this.idOf(text);
    const known = this.byNameEntry[entry]!;
    if (known >= 0 && this.texts[known] === text) return known;
    const id = this.idOf(text);
    this.byNameEntry[entry] = id;
    return id;
  }

  /** Called before a batch: whether the reader must forget every string it was sent (the table started over). */
  startBatch(): boolean {
    if (this.ids.size < this.limit) return false;
    this.ids.clear();
    this.fresh = [];
    this.texts = [];
    this.byNameEntry.fill(-1);
    return true;
  }

  /** The strings added since the last call, in id order. */
  takeFresh(): string[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }
}

/** Int32 slots that grow as they fill: the reading thread's batch (or its quotes) before it is sent. */
export class SlotBuffer {
  slots = new Int32Array(slotLength * 64);
  count = 0;

  /** Room for one more slot; returns its base. */
  append(): number {
    const base = this.count * slotLength;
    if (base + slotLength > this.slots.length) {
      const grown = new Int32Array(this.slots.length * 2);
      grown.set(this.slots);
      this.slots = grown;
    }
    this.count++;
    return base;
  }

  /**
   * The slots so far (to be sent, moved to the other thread), and a buffer for as many again:
   * `reuse` (one given back, its old contents overwritten slot by slot) when it is big enough.
   */
  take(reuse?: ArrayBuffer): Int32Array {
    const taken = this.slots.subarray(0, this.count * slotLength);
    const wanted = slotLength * Math.max(64, Math.ceil(this.count * 1.25));
    this.slots =
      reuse !== undefined && reuse.byteLength >= wanted * Int32Array.BYTES_PER_ELEMENT
        ? new Int32Array(reuse)
        : new Int32Array(wanted);
    this.count = 0;
    return taken;
  }
}

/** Whether a view's numbers fit their bits (an IPv6 fragment's 32-bit id does not). */
function fits(view: LayerView): boolean {
  return view.ipId <= 0xffff && view.protocol >= 0 && view.protocol <= 0xff && view.ttl <= 0xff;
}

/**
 * Writes `view` (and `quotedView`, into `quotes`, for an ICMP message) into the slot at
 * `base`, whose frame fields are already written. Returns false, leaving the slot unread,
 * when a view does not fit: the analysing thread then reads the frame itself.
 */
export function writeFacts(
  slots: Int32Array,
  base: number,
  view: LayerView,
  quotedView: LayerView,
  quotes: SlotBuffer,
  strings: StringTable,
): boolean {
  slots[base + kindField] = SlotKind.unread;
  if (view.ipVersion === 0) {
    slots[base + kindField] = SlotKind.noIp;
    return true;
  }
  if (!fits(view)) return false;
  const icmp = view.icmp;
  if (icmp !== undefined) {
    // A quote that holds an ICMP message of its own (an error about an error) is not written.
    if (quotedView.icmp !== undefined || (quotedView.ipVersion !== 0 && !fits(quotedView))) return false;
    let quote = -1;
    if (quotedView.ipVersion !== 0) {
      const quoteBase = quotes.append();
      writeView(quotes.slots, quoteBase, quotedView, strings);
      quote = quoteBase / slotLength;
    }
    writeView(slots, base, view, strings);
    const mtu = icmp.mtu;
    slots[base + bitsField] = slots[base + bitsField]! | icmpBit | (mtu !== undefined ? mtuBit : 0);
    slots[base + portsField] = (icmp.type << 8) | icmp.code;
    slots[base + questionField] = quote;
    slots[base + rcodeField] = mtu ?? 0;
    return true;
  }
  writeView(slots, base, view, strings);
  return true;
}

/** The view's own fields, DNS included (not ICMP): the slot becomes `facts`. */
function writeView(slots: Int32Array, base: number, view: LayerView, strings: StringTable): void {
  slots[base + kindField] = SlotKind.facts;
  const transport = view.transport === 'UDP' ? 1 : view.transport === 'TCP' ? 2 : 0;
  let bits =
    view.ipVersion |
    (transport << transportShift) |
    (view.protocol << protocolShift) |
    (view.ttl << ttlShift);
  if (view.hasPorts) bits |= hasPortsBit;
  if (view.ipv4Keys) {
    bits |= ipv4KeysBit;
    slots[base + sourceField] = view.sourceKey;
    slots[base + destinationField] = view.destinationKey;
  } else {
    slots[base + sourceField] = strings.idOf(view.source);
    slots[base + destinationField] = strings.idOf(view.destination);
  }
  slots[base + portsField] = (view.sourcePort << 16) | view.destinationPort;
  const dns = view.dns;
  if (dns === undefined) {
    slots[base + bitsField] = bits;
    slots[base + identificationField] = view.ipId;
    return;
  }
  bits |= dnsBit;
  if (dns.response) bits |= responseBit;
  if (dns.recursionDesired) bits |= recursionDesiredBit;
  if (dns.recursionAvailable) bits |= recursionAvailableBit;
  slots[base + bitsField] = bits;
  slots[base + identificationField] = view.ipId | (dns.id << 16);
  const question = dns.questions[0];
  slots[base + questionField] = question ? strings.idOfName(question.name, dns.nameEntry) : -1;
  slots[base + rcodeField] = dns.rcode;
  slots[base + typeAndClassField] = question ? (question.type << 16) | question.class : 0;
}

/** A reused DnsFacts, as frame-reader.ts keeps one: the analysis copies what it keeps. */
class ReusedDnsFacts implements DnsFacts {
  id = 0;
  response = false;
  rcode = 0;
  recursionDesired = false;
  recursionAvailable = false;
  questions: { name: string; type: number; class: number }[] = [];
  lowerName: string | undefined = undefined;
  readonly question = { name: '', type: 0, class: 0 };
  readonly oneQuestion = [this.question];
  readonly noQuestion: { name: string; type: number; class: number }[] = [];
}

const transports: (Transport | undefined)[] = [undefined, 'UDP', 'TCP', undefined];

/** What the reading thread sends of a batch for FactsReader: its slots, its quotes, and the strings new to it. */
export interface FactsBatch {
  slots: Int32Array;
  quotes: Int32Array;
  /** Strings added to the writer's table since the last batch, in id order. */
  strings: readonly string[];
  /** The writer's table started over before this batch (StringTable.startBatch). */
  reset: boolean;
}

/**
 * Fills LayerViews back from slots: `receive` each batch, then set `base` to a frame's slot
 * (index times slotLength) before calling `read`.
 */
export class FactsReader {
  slots: Int32Array = new Int32Array(0);
  quotes: Int32Array = new Int32Array(0);
  base = 0;
  private strings: string[] = [];
  private lowerStrings: string[] = [];
  private readonly dns = new ReusedDnsFacts();
  private readonly quotedDns = new ReusedDnsFacts();
  private readonly icmp: IcmpFacts & { mtu: number | undefined } = {
    kind: 'icmp',
    type: 0,
    code: 0,
    mtu: undefined,
  };

  /** Takes the next batch: its slots, and its strings into the table (emptied first when the writer's started over). */
  receive(batch: FactsBatch): void {
    this.slots = batch.slots;
    this.quotes = batch.quotes;
    if (batch.reset) {
      this.strings = [];
      this.lowerStrings = [];
    }
    for (const text of batch.strings) {
      this.strings.push(text);
      // Once per string, not once per message: the analysis matches names case-insensitively.
      this.lowerStrings.push(text.toLowerCase());
    }
  }

  /**
   * readFrameInto's signature: fills `view` and `quotedView` from the current slot, or from the
   * frame's bytes when the reading thread left the slot unread. One function for every frame:
   * a call site that sees two (this and readFrameInto) made V8 compile the analysis again.
   */
  readonly read = (view: LayerView, quotedView: LayerView, frame: Frame): boolean => {
    const slots = this.slots;
    const base = this.base;
    const kind = slots[base + kindField];
    if (kind === SlotKind.unread) return readFrameInto(view, quotedView, frame);
    quotedView.clear();
    if (kind === SlotKind.noIp) {
      view.clear();
      return true;
    }
    this.fill(view, slots, base, this.dns);
    const bits = slots[base + bitsField]!;
    if ((bits & icmpBit) === 0) return true;
    const icmp = this.icmp;
    const typeAndCode = slots[base + portsField]!;
    icmp.kind = view.protocol === 58 ? 'icmpv6' : 'icmp';
    icmp.type = typeAndCode >>> 8;
    icmp.code = typeAndCode & 0xff;
    icmp.mtu = (bits & mtuBit) !== 0 ? slots[base + rcodeField]! >>> 0 : undefined;
    view.icmp = icmp;
    // An ICMP message's view has no ports (readFrameInto leaves them 0).
    view.sourcePort = 0;
    view.destinationPort = 0;
    const quote = slots[base + questionField]!;
    if (quote >= 0) this.fill(quotedView, this.quotes, quote * slotLength, this.quotedDns);
    return true;
  };

  /** One view's fields (not ICMP's) from the slot at `base`. */
  private fill(view: LayerView, slots: Int32Array, base: number, dns: ReusedDnsFacts): void {
    const bits = slots[base + bitsField]!;
    const strings = this.strings;
    view.ipVersion = (bits & 0x0f) as 4 | 6;
    if ((bits & ipv4KeysBit) !== 0) {
      const sourceKey = slots[base + sourceField]!;
      const destinationKey = slots[base + destinationField]!;
      view.source = ipv4TextOfKey(sourceKey);
      view.destination = ipv4TextOfKey(destinationKey);
      view.ipv4Keys = true;
      view.sourceKey = sourceKey;
      view.destinationKey = destinationKey;
    } else {
      view.source = strings[slots[base + sourceField]!]!;
      view.destination = strings[slots[base + destinationField]!]!;
      view.ipv4Keys = false;
    }
    view.ttl = bits >>> ttlShift;
    view.protocol = (bits >>> protocolShift) & 0xff;
    view.transport = transports[(bits >>> transportShift) & 3];
    view.hasPorts = (bits & hasPortsBit) !== 0;
    const ports = slots[base + portsField]!;
    view.sourcePort = ports >>> 16;
    view.destinationPort = ports & 0xffff;
    const identification = slots[base + identificationField]!;
    view.ipId = identification & 0xffff;
    view.icmp = undefined;
    if ((bits & dnsBit) === 0) {
      view.dns = undefined;
      return;
    }
    dns.id = identification >>> 16;
    dns.response = (bits & responseBit) !== 0;
    dns.recursionDesired = (bits & recursionDesiredBit) !== 0;
    dns.recursionAvailable = (bits & recursionAvailableBit) !== 0;
    dns.rcode = slots[base + rcodeField]!;
    const name = slots[base + questionField]!;
    if (name < 0) {
      dns.questions = dns.noQuestion;
      dns.lowerName = undefined;
    } else {
      const typeAndClass = slots[base + typeAndClassField]!;
      dns.question.name = strings[name]!;
      dns.lowerName = this.lowerStrings[name]!;
      dns.question.type = typeAndClass >>> 16;
      dns.question.class = typeAndClass & 0xffff;
      dns.questions = dns.oneQuestion;
    }
    view.dns = dns;
  }
}
