/**
 * The table of DNS transactions: open queries waiting for an answer, and recently failed
 * ones kept for late answers and duplicate ICMP errors. Memory is bounded whatever the
 * traffic: open queries are capped (the oldest is evicted as unanswered), answered ones leave
 * at once, failed ones after `lateAnswerSeconds` or past their own cap, and timeouts are
 * handed to the incident windows when they leave.
 *
 * Every operation is O(1) except the per-client scan used for ICMP errors that quote no DNS
 * header, which looks at a bounded number of the client's newest transactions. The indexes
 * hash integers (id, ports, type) into fixed bucket arrays and compare the rest, so matching
 * builds no strings.
 */
import type { AnalysisOptions } from './analysis-options';
import { secondsToMicroseconds } from './time-format';
import type { DecodedPacket } from '../model/packet';
import type { ServiceState } from './service-state';
import { Transaction, type PairList, type QueryKey, type SettledOutcome } from './transaction';
import type { Transport } from './layer-view';

export interface TransactionListener {
  /** A transaction got its outcome; `previous` is 'unanswered' when a late answer re-settles a timeout. */
  settled(transaction: Transaction, previous: 'pending' | 'unanswered'): void;
  /** A timed-out transaction leaves the recent table: its timeout is final. */
  timedOut(transaction: Transaction): void;
}

/** What an address-pair search may require of a transaction (0 / -1 / undefined: anything). */
export interface PairCriteria {
  transport: Transport | undefined;
  clientPort: number;
  serverPort: number;
  dnsId: number;
  ipId: number;
}

/** Settled transactions kept for reuse (see Transaction). */
const poolLimit = 4096;

/** Client lists kept while empty; past this many clients, empty lists are dropped. */
const emptyListsKept = 4096;

/** How many of a client's newest transactions an ICMP error without DNS header is compared with. */
const pairScanLimit = 256;

/**
 * Housekeeping that may wait (dropping old failures) runs in batches this far apart in capture
 * time, not on every packet; timeouts are exact.
 */
const batchMicroseconds = 250_000;

/**
 * Transactions chained by hash in an array of buckets (a power of two that doubles as the
 * table grows, up to its cap): inserting and removing touch one slot, with none of a Map's
 * bookkeeping, and a quiet table stays small enough to live in the processor's cache.
 */
class KeyIndex {
  private buckets: (Transaction | undefined)[] = new Array<Transaction | undefined>(256).fill(undefined);
  private mask = 255;
  size = 0;

  constructor(private readonly capacity: number) {}

  find(key: QueryKey): Transaction | undefined {
    for (
      let transaction = this.buckets[key.hash & this.mask];
      transaction;
      transaction = transaction.keyNext
    ) {
      if (transaction.matches(key)) return transaction;
    }
    return undefined;
  }

  insert(transaction: Transaction): void {
    if (
      this.size >= this.buckets.length &&
      this.buckets.length < this.capacity &&
      this.buckets.length < 1 << 20
    )
      this.grow();
    const slot = transaction.hash & this.mask;
    transaction.keyNext = this.buckets[slot];
    this.buckets[slot] = transaction;
    this.size++;
  }

  remove(transaction: Transaction): void {
    const slot = transaction.hash & this.mask;
    let previous: Transaction | undefined;
    for (let current = this.buckets[slot]; current; previous = current, current = current.keyNext) {
      if (current !== transaction) continue;
      if (previous) previous.keyNext = current.keyNext;
      else this.buckets[slot] = current.keyNext;
      transaction.keyNext = undefined;
      this.size--;
      return;
    }
  }

  private grow(): void {
    const old = this.buckets;
    this.buckets = new Array<Transaction | undefined>(old.length * 2).fill(undefined);
    this.mask = this.buckets.length - 1;
    for (let head of old) {
      while (head) {
        const next = head.keyNext;
        const slot = head.hash & this.mask;
        head.keyNext = this.buckets[slot];
        this.buckets[slot] = head;
        head = next;
      }
    }
  }
}

export class TransactionTable {
  private readonly open: KeyIndex;
  private readonly recentIndex: KeyIndex;
  private readonly clients = new Map<string, PairList>();
  private ageHead: Transaction | undefined;
  private ageTail: Transaction | undefined;
  private recentHead: Transaction | undefined;
  private recentTail: Transaction | undefined;
  private recentSize = 0;
  /** No deadline (timeout, late-answer window) falls before this time: expire() can return at once. */
  private nextDeadline = Number.NEGATIVE_INFINITY;
  /** options.timeoutSeconds: an answer later than this after its query is a late answer. */
  readonly timeoutMicroseconds: number;
  private readonly lateMicroseconds: number;
  private readonly openLimit: number;
  private readonly recentLimit: number;
  /** Open queries settled as unanswered because the open table was full. */
  evicted = 0;
  private readonly pool: Transaction[] = [];

  constructor(
    options: AnalysisOptions,
    private readonly listener: TransactionListener,
  ) {
    this.timeoutMicroseconds = secondsToMicroseconds(options.timeoutSeconds);
    this.lateMicroseconds = secondsToMicroseconds(options.lateAnswerSeconds);
    this.openLimit = options.limits.openQueries;
    this.recentLimit = Math.max(0, options.limits.recentQueries);
    this.open = new KeyIndex(this.openLimit);
    this.recentIndex = new KeyIndex(this.recentLimit);
  }

  get openCount(): number {
    return this.open.size;
  }

  /** Table sizes, for tests and diagnostics: every one of them is bounded. */
  sizes(): { open: number; recent: number; recentKeys: number; clientLists: number } {
    return {
      open: this.open.size,
      recent: this.recentSize,
      recentKeys: this.recentIndex.size,
      clientLists: this.clients.size,
    };
  }

  findOpen(key: QueryKey): Transaction | undefined {
    return this.open.size === 0 ? undefined : this.open.find(key);
  }

  /** The latest settled failure with this key, still within the late-answer window. */
  findRecent(key: QueryKey): Transaction | undefined {
    return this.recentIndex.size === 0 ? undefined : this.recentIndex.find(key);
  }

  /** A new transaction for a query, recycled when one is free (the caller then add()s it). */
  create(
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
  ): Transaction {
    return (this.pool.pop() ?? new Transaction()).reset(
      hash,
      service,
      transport,
      client,
      clientPort,
      server,
      serverPort,
      id,
      name,
      type,
      questionClass,
      frame,
      microseconds,
      ipId,
      packet,
    );
  }

  /**
   * A settled transaction nothing refers to any more (answered, or released from the recent
   * table) goes back to the pool. The caller must not use it afterwards.
   */
  recycle(transaction: Transaction): void {
    if (transaction.outcome === 'pending' || this.pool.length >= poolLimit) return;
    transaction.drop();
    this.pool.push(transaction);
  }

  add(transaction: Transaction): void {
    this.open.insert(transaction);
    this.appendAge(transaction);
    let list = this.clients.get(transaction.client);
    if (!list) {
      list = { head: undefined, tail: undefined, size: 0 };
      this.clients.set(transaction.client, list);
    }
    transaction.pairList = list;
    transaction.pairPrevious = list.tail;
    if (list.tail) list.tail.pairNext = transaction;
    else list.head = transaction;
    list.tail = transaction;
    list.size++;
    this.deadline(transaction.lastMicroseconds + this.timeoutMicroseconds + 1);
    while (this.open.size > this.openLimit && this.ageHead) {
      this.evicted++;
      this.settle(this.ageHead, 'unanswered', 0, this.ageHead.lastMicroseconds);
    }
  }

  /** The same query sent again before any answer: the timeout restarts from this copy. */
  retransmitted(
    transaction: Transaction,
    frame: number,
    microseconds: number,
    ipId: number,
    limit: number,
  ): void {
    transaction.retransmissions++;
    transaction.lastMicroseconds = Math.max(transaction.lastMicroseconds, microseconds);
    transaction.ipId = ipId;
    if (transaction.retransmissions <= limit) {
      (transaction.resendFrames ??= []).push(frame);
      (transaction.resendMicroseconds ??= []).push(microseconds);
    }
    this.unlinkAge(transaction);
    this.appendAge(transaction);
  }

  /** Settle an open transaction. */
  settle(transaction: Transaction, outcome: SettledOutcome, settledBy: number, microseconds: number): void {
    this.open.remove(transaction);
    this.unlinkAge(transaction);
    transaction.outcome = outcome;
    transaction.settledBy = settledBy;
    transaction.settledMicroseconds = microseconds;
    // A timeout keeps its packet until final: a late ICMP error or the timeout incident needs its line.
    if (outcome === 'unanswered') transaction.keep();
    this.listener.settled(transaction, 'pending');
    // Only failures stay for late answers and duplicate ICMP errors; an answered query is done.
    if (outcome === 'unanswered' || outcome === 'icmp-failed') this.appendRecent(transaction);
    else this.unlinkClient(transaction);
  }

  /** A late response or ICMP error for a query already counted as unanswered (not yet final). */
  resettle(transaction: Transaction, outcome: SettledOutcome, settledBy: number, microseconds: number): void {
    if (transaction.outcome !== 'unanswered' || transaction.released) return;
    transaction.outcome = outcome;
    transaction.settledBy = settledBy;
    transaction.settledMicroseconds = microseconds;
    this.listener.settled(transaction, 'unanswered');
  }

  /**
   * Time moved to `now`: open queries silent for longer than the timeout become unanswered,
   * and settled ones older than the late-answer window are dropped (a timeout becomes final).
   */
  expire(now: number): void {
    // Most packets find nothing due: this check is small enough to be inlined into the caller.
    if (now >= this.nextDeadline) this.expireDue(now);
  }

  private expireDue(now: number): void {
    const timeout = this.timeoutMicroseconds;
    let head = this.ageHead;
    while (head && now - head.lastMicroseconds > timeout) {
      this.settle(head, 'unanswered', 0, head.lastMicroseconds + timeout);
      head = this.ageHead;
    }
    const late = this.lateMicroseconds;
    let recent = this.recentHead;
    while (recent && (this.recentSize > this.recentLimit || now - recent.settledMicroseconds > late)) {
      this.releaseHead();
      recent = this.recentHead;
    }
    // The earliest time anything above can happen again (ages only grow along each list).
    this.nextDeadline = Number.POSITIVE_INFINITY;
    if (this.ageHead) this.deadline(this.ageHead.lastMicroseconds + timeout + 1);
    if (this.recentHead) this.deadline(this.recentHead.settledMicroseconds + late + batchMicroseconds);
  }

  /**
   * The newest transaction from `client` to `server` that fits what an ICMP error quotes;
   * open ones first, then recently failed ones.
   */
  findByPair(client: string, server: string, criteria: PairCriteria): Transaction | undefined {
    const list = this.clients.get(client);
    if (!list) return undefined;
    let settledMatch: Transaction | undefined;
    let scanned = 0;
    for (
      let transaction = list.tail;
      transaction && scanned < pairScanLimit;
      transaction = transaction.pairPrevious, scanned++
    ) {
      if (transaction.server !== server) continue;
      if (criteria.transport !== undefined && transaction.transport !== criteria.transport) continue;
      if (criteria.serverPort > 0 && transaction.serverPort !== criteria.serverPort) continue;
      if (criteria.clientPort > 0 && transaction.clientPort !== criteria.clientPort) continue;
      if (criteria.dnsId >= 0 && transaction.id !== criteria.dnsId) continue;
      if (
        criteria.ipId > 0 &&
        criteria.clientPort <= 0 &&
        transaction.ipId !== 0 &&
        transaction.ipId !== criteria.ipId
      )
        continue;
      if (transaction.outcome === 'pending') return transaction;
      settledMatch ??= transaction;
    }
    return settledMatch;
  }

  /** Timed-out transactions still in the late-answer window (result() counts them without ending them). */
  forEachUnreleasedTimeout(visit: (transaction: Transaction) => void): void {
    for (let transaction = this.recentHead; transaction; transaction = transaction.recentNext) {
      if (transaction.outcome === 'unanswered' && !transaction.released) visit(transaction);
    }
  }

  private deadline(time: number): void {
    if (time < this.nextDeadline) this.nextDeadline = time;
  }

  private appendAge(transaction: Transaction): void {
    transaction.agePrevious = this.ageTail;
    transaction.ageNext = undefined;
    if (this.ageTail) this.ageTail.ageNext = transaction;
    else this.ageHead = transaction;
    this.ageTail = transaction;
  }

  private unlinkAge(transaction: Transaction): void {
    const previous = transaction.agePrevious;
    const next = transaction.ageNext;
    if (previous) previous.ageNext = next;
    else if (this.ageHead === transaction) this.ageHead = next;
    if (next) next.agePrevious = previous;
    else if (this.ageTail === transaction) this.ageTail = previous;
    transaction.agePrevious = undefined;
    transaction.ageNext = undefined;
  }

  private appendRecent(transaction: Transaction): void {
    this.recentIndex.insert(transaction);
    transaction.recentNext = undefined;
    if (this.recentTail) this.recentTail.recentNext = transaction;
    else this.recentHead = transaction;
    this.recentTail = transaction;
    this.recentSize++;
    this.deadline(transaction.settledMicroseconds + this.lateMicroseconds + batchMicroseconds);
    while (this.recentSize > this.recentLimit) this.releaseHead();
  }

  private releaseHead(): void {
    const transaction = this.recentHead;
    if (!transaction) return;
    this.recentHead = transaction.recentNext;
    if (!this.recentHead) this.recentTail = undefined;
    transaction.recentNext = undefined;
    this.recentSize--;
    this.recentIndex.remove(transaction);
    this.unlinkClient(transaction);
    if (transaction.outcome === 'unanswered') {
      transaction.released = true;
      this.listener.timedOut(transaction);
    }
    this.recycle(transaction);
  }

  private unlinkClient(transaction: Transaction): void {
    const list = transaction.pairList;
    if (!list) return;
    transaction.pairList = undefined;
    const previous = transaction.pairPrevious;
    const next = transaction.pairNext;
    if (previous) previous.pairNext = next;
    else if (list.head === transaction) list.head = next;
    if (next) next.pairPrevious = previous;
    else if (list.tail === transaction) list.tail = previous;
    transaction.pairPrevious = undefined;
    transaction.pairNext = undefined;
    // An empty list stays for the client's next query (most clients have one query open at a
    // time), unless many clients come and go (spoofed floods): then it goes, to bound memory.
    if (--list.size <= 0 && this.clients.size > emptyListsKept) this.clients.delete(transaction.client);
  }
}
