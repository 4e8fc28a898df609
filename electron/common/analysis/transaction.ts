/** A client's transactions, oldest first (transactions.ts links them through pairPrevious and pairNext). */
export interface PairList {
  head: Transaction | undefined;
  tail: Transaction | undefined;
  size: number;
}

/**
 * One DNS query and what became of it. A transaction is open until a response, an ICMP error
 * quoting it, or the timeout settles it; then it stays "recent" for a while so that a late
 * answer or a duplicate ICMP error can still be tied to it.
 *
 * Transactions are recycled (TransactionTable keeps a pool): a capture's queries mostly live
 * for a packet or two, and reusing the objects keeps them out of the garbage collector's way.
 * `reset` is the constructor.
 */
import type { Layer } from '../model/layers';
import { ChunkFrame, type ChunkLease } from '../capture/chunk-frame';
import type { DecodedPacket } from '../model/packet';
import type { QueryOutcome } from './timeline-event';
import type { Transport } from './layer-view';
import type { ServiceState } from './service-state';

export type SettledOutcome = Exclude<QueryOutcome, 'pending'>;

export class Transaction {
  /** Hash of the exact key's numbers (transactionHash); the open and recent indexes chain on it. */
  hash!: number;
  /** The service (transport, server address and port) the query went to: one incident's scope. */
  service!: ServiceState;
  transport!: Transport;
  client!: string;
  clientPort!: number;
  server!: string;
  serverPort!: number;
  id!: number;
  /** The question as the client wrote it (display), and its type and class. */
  name!: string;
  type!: number;
  questionClass!: number;
  firstFrame!: number;
  firstMicroseconds!: number;
  /** The latest (re)transmission: the timeout runs from here. */
  lastMicroseconds!: number;
  /** IPv4 identification of the latest transmission (ICMP errors that quote no ports). */
  ipId!: number;
  retransmissions = 0;
  /** RD was set in the query (RFC 1035 §4.1.1): the client wants a resolver. */
  recursionDesired = false;
  /** Frames and times of retransmissions, up to the limit (evidence, outcome updates). */
  resendFrames: number[] | undefined = undefined;
  resendMicroseconds: number[] | undefined = undefined;
  /**
   * What the query's evidence line is printed from, dropped once settled: its frame, kept as
   * its fields and where its bytes are (at first the reader's chunk; `keep()` copies them for a
   * query that times out, so a reader's chunk is pinned at most for the timeout), and for
   * tcpdump text imports, which have no bytes, the layers and the text line. Fields, not a
   * frame: the frame given is only valid during the call, and a copy of it per query was a
   * third of what the analysis allocated.
   */
  private bytes: Uint8Array | undefined = undefined;
  private bytesOffset = 0;
  /** Held while `bytes` is a reader's chunk that it reuses (chunk-frame.ts). */
  private lease: ChunkLease | undefined = undefined;
  private frameSeconds = 0;
  private frameNanoseconds = 0;
  private capturedLength = 0;
  private originalLength = 0;
  private linkType = 0;
  private interfaceIndex = 0;
  private textLayers: Layer[] | undefined;
  private origin: DecodedPacket['origin'];
  private kept = false;

  outcome: SettledOutcome | 'pending' = 'pending';
  settledBy = 0;
  settledMicroseconds = 0;
  /** Set once a timeout was handed to the incidents (it can no longer be re-settled). */
  released = false;

  // Intrusive list links: the age list (open, by last transmission), the recent queue
  // (settled, by settle time) and the address pair list. O(1) unlinking, no extra objects.
  agePrevious: Transaction | undefined = undefined;
  ageNext: Transaction | undefined = undefined;
  recentNext: Transaction | undefined = undefined;
  /** The next transaction with the same hash in the open or the recent index (never both). */
  keyNext: Transaction | undefined = undefined;
  pairPrevious: Transaction | undefined = undefined;
  pairNext: Transaction | undefined = undefined;
  /** The client's list it is linked into (transactions.ts), so that unlinking needs no lookup. */
  pairList: PairList | undefined = undefined;

  /**
   * Make a transaction, new or recycled, a new one: every field is set here, the one place, so a
   * recycled transaction cannot keep a value from its last query.
   */
  reset(
    hash: number,
    service: ServiceState,
    transport: Transport,
    client: string,
    clientPort: number,
    server: string,
    serverPort: number,
    id: number,
    name: string,
    type: number,
    questionClass: number,
    frame: number,
    microseconds: number,
    ipId: number,
    packet: DecodedPacket,
  ): this {
    this.hash = hash;
    this.service = service;
    this.transport = transport;
    this.client = client;
    this.clientPort = clientPort;
    this.server = server;
    this.serverPort = serverPort;
    this.id = id;
    this.name = name;
    this.type = type;
    this.questionClass = questionClass;
    this.firstFrame = frame;
    this.firstMicroseconds = microseconds;
    this.lastMicroseconds = microseconds;
    this.ipId = ipId;
    this.retransmissions = 0;
    this.recursionDesired = false;
    this.resendFrames = undefined;
    this.resendMicroseconds = undefined;
    const query = packet.frame;
    this.lease?.release();
    this.lease = undefined;
    if (query instanceof ChunkFrame) {
      this.bytes = query.chunk;
      this.bytesOffset = query.offset;
      this.lease = query.lease;
      this.lease?.hold();
    } else {
      this.bytes = query.data;
      this.bytesOffset = 0;
    }
    this.frameSeconds = query.seconds;
    this.frameNanoseconds = query.nanoseconds;
    this.capturedLength = query.capturedLength;
    this.originalLength = query.originalLength;
    this.linkType = query.linkType;
    this.interfaceIndex = query.interfaceIndex;
    this.textLayers = packet.origin ? packet.layers : undefined;
    this.origin = packet.origin;
    this.kept = false;
    this.outcome = 'pending';
    this.settledBy = 0;
    this.settledMicroseconds = 0;
    this.released = false;
    this.agePrevious = undefined;
    this.ageNext = undefined;
    this.recentNext = undefined;
    this.keyNext = undefined;
    this.pairPrevious = undefined;
    this.pairNext = undefined;
    this.pairList = undefined;
    return this;
  }

  /** Whether queryPacket() has a packet to give (its bytes are kept). */
  get hasQueryPacket(): boolean {
    return this.bytes !== undefined;
  }

  /** The query packet to print, while it is kept. */
  queryPacket(): DecodedPacket | undefined {
    const bytes = this.bytes;
    if (!bytes) return undefined;
    const frame = new ChunkFrame(
      this.firstFrame,
      this.frameSeconds,
      this.frameNanoseconds,
      this.capturedLength,
      this.originalLength,
      this.linkType,
      this.interfaceIndex,
      bytes,
      this.bytesOffset,
    );
    const packet: DecodedPacket = { frame, layers: this.textLayers ?? [] };
    if (this.origin) packet.origin = this.origin;
    return packet;
  }

  /** Keep the query's bytes beyond the reader's buffer (a timeout may need its line for minutes). */
  keep(): void {
    const bytes = this.bytes;
    if (this.kept || !bytes) return;
    this.bytes = bytes.slice(this.bytesOffset, this.bytesOffset + this.capturedLength);
    this.bytesOffset = 0;
    this.lease?.release();
    this.lease = undefined;
    this.kept = true;
  }

  /** Its evidence is written, or it can no longer fail: let the packet go. */
  drop(): void {
    this.bytes = undefined;
    this.lease?.release();
    this.lease = undefined;
    this.textLayers = undefined;
    this.origin = undefined;
  }

  get attempts(): number {
    return 1 + this.retransmissions;
  }

  /** The exact match (RFC 5452 §9.1: addresses, ports, id and question; names compare case-insensitively, RFC 4343). */
  matches(key: QueryKey): boolean {
    return (
      this.id === key.id &&
      this.clientPort === key.clientPort &&
      this.serverPort === key.serverPort &&
      this.type === key.type &&
      this.questionClass === key.questionClass &&
      this.transport === key.transport &&
      this.client === key.client &&
      this.server === key.server &&
      this.name === key.lowerName
    );
  }
}

/**
 * The exact key of a DNS message, from the client's side. One object is reused for every
 * packet: matching builds no string, the index hashes the numbers and compares the rest.
 */
export class QueryKey {
  transport: Transport = 'UDP';
  client = '';
  clientPort = 0;
  server = '';
  serverPort = 0;
  id = 0;
  lowerName = '';
  type = 0;
  questionClass = 0;

  set(
    transport: Transport,
    client: string,
    clientPort: number,
    server: string,
    serverPort: number,
    id: number,
    lowerName: string,
    type: number,
    questionClass: number,
  ): this {
    this.transport = transport;
    this.client = client;
    this.clientPort = clientPort;
    this.server = server;
    this.serverPort = serverPort;
    this.id = id;
    this.lowerName = lowerName;
    this.type = type;
    this.questionClass = questionClass;
    return this;
  }

  /** A small integer (a V8 Smi, the fastest Map key) mixing the id, ports and type. */
  get hash(): number {
    return ((this.id << 14) ^ this.clientPort ^ (this.serverPort << 7) ^ (this.type << 3)) & 0x3fffffff;
  }
}

export function serviceKeyOf(transport: Transport, server: string, serverPort: number): string {
  return `${transport}|${server}|${serverPort}`;
}
