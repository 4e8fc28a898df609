/**
 * One DNS query and what became of it. A transaction is open until a response, an ICMP error
 * quoting it, or the timeout settles it; then it stays "recent" for a while so that a late
 * answer or a duplicate ICMP error can still be tied to it.
 */
import type { DecodedPacket } from '../model/packet';
import type { QueryOutcome } from './timeline-event';
import type { Transport } from './layer-view';

export type SettledOutcome = Exclude<QueryOutcome, 'pending'>;

export class Transaction {
  /** Exact match key: transport, client and server address and port, DNS id, question. */
  readonly key: string;
  /** Address pair key: client and server addresses (the looser ICMP match). */
  readonly pairKey: string;
  /** Server-and-service key: transport, server address and port (one incident's scope). */
  readonly serviceKey: string;
  readonly transport: Transport;
  readonly client: string;
  readonly clientPort: number;
  readonly server: string;
  readonly serverPort: number;
  readonly id: number;
  /** The question as the client wrote it (display), and its type and class. */
  readonly name: string;
  readonly type: number;
  readonly questionClass: number;
  readonly firstFrame: number;
  readonly firstMicroseconds: number;
  /** The latest (re)transmission: the timeout runs from here. */
  lastMicroseconds: number;
  /** IPv4 identification of the latest transmission (ICMP errors that quote no ports). */
  ipId: number;
  retransmissions = 0;
  /** RD was set in the query (RFC 1035 §4.1.1): the client wants a resolver. */
  recursionDesired = false;
  /** Frames and times of retransmissions, up to the limit (evidence, outcome updates). */
  resendFrames: number[] | undefined = undefined;
  resendMicroseconds: number[] | undefined = undefined;
  /** A copy of the query packet for its evidence line, dropped once settled. */
  snapshot: DecodedPacket | undefined;

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
  pairPrevious: Transaction | undefined = undefined;
  pairNext: Transaction | undefined = undefined;

  constructor(
    key: string,
    pairKey: string,
    serviceKey: string,
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
    snapshot: DecodedPacket | undefined,
  ) {
    this.key = key;
    this.pairKey = pairKey;
    this.serviceKey = serviceKey;
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
    this.snapshot = snapshot;
  }

  get attempts(): number {
    return 1 + this.retransmissions;
  }
}

/** The keys of a DNS message, built once per packet. Names compare case-insensitively (RFC 4343). */
export function transactionKey(
  transport: Transport,
  client: string,
  clientPort: number,
  server: string,
  serverPort: number,
  id: number,
  lowerName: string,
  type: number,
  questionClass: number,
): string {
  return `${transport}|${client}|${clientPort}|${server}|${serverPort}|${id}|${type}|${questionClass}|${lowerName}`;
}

export function pairKeyOf(client: string, server: string): string {
  return `${client}|${server}`;
}

export function serviceKeyOf(transport: Transport, server: string, serverPort: number): string {
  return `${transport}|${server}|${serverPort}`;
}
