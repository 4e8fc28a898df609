/**
 * The table of DNS transactions: open queries waiting for an answer, and recently settled
 * ones kept for late answers. Memory is bounded whatever the traffic: open queries are
 * capped (the oldest is evicted as unanswered), settled ones are handed to the incident
 * accumulators and dropped after `lateAnswerSeconds` or past their own cap.
 *
 * Every operation is O(1) except the address-pair scan used for ICMP errors that quote no
 * DNS header, which looks at a bounded number of the pair's newest transactions.
 */
import type { AnalysisOptions } from './analysis-options';
import { secondsToMicroseconds } from './time-format';
import type { SettledOutcome, Transaction } from './transaction';

export interface TransactionListener {
  /** A transaction got its outcome; `previous` is 'unanswered' when a late answer re-settles a timeout. */
  settled(transaction: Transaction, previous: 'pending' | 'unanswered'): void;
  /** A timed-out transaction leaves the recent table: its timeout is final. */
  timedOut(transaction: Transaction): void;
}

interface PairList {
  head: Transaction | undefined;
  tail: Transaction | undefined;
  size: number;
}

/** What an address-pair search may require of a transaction (0 / -1 / undefined: anything). */
export interface PairCriteria {
  transport: 'UDP' | 'TCP' | undefined;
  clientPort: number;
  serverPort: number;
  dnsId: number;
  ipId: number;
}

/** How many of a pair's newest transactions an ICMP error without DNS header is compared with. */
const pairScanLimit = 256;

export class TransactionTable {
  private readonly open = new Map<string, Transaction>();
  private readonly recentByKey = new Map<string, Transaction>();
  private readonly pairs = new Map<string, PairList>();
  private ageHead: Transaction | undefined;
  private ageTail: Transaction | undefined;
  private recentHead: Transaction | undefined;
  private recentTail: Transaction | undefined;
  private recentSize = 0;
  private readonly timeoutMicroseconds: number;
  private readonly lateMicroseconds: number;
  private readonly openLimit: number;
  private readonly recentLimit: number;
  /** Open queries settled as unanswered because the open table was full. */
  evicted = 0;

  constructor(
    options: AnalysisOptions,
    private readonly listener: TransactionListener,
  ) {
    this.timeoutMicroseconds = secondsToMicroseconds(options.timeoutSeconds);
    this.lateMicroseconds = secondsToMicroseconds(options.lateAnswerSeconds);
    this.openLimit = options.limits.openQueries;
    this.recentLimit = Math.max(0, options.limits.recentQueries);
  }

  get openCount(): number {
    return this.open.size;
  }

  /** Table sizes, for tests and diagnostics: every one of them is bounded. */
  sizes(): { open: number; recent: number; recentKeys: number; pairs: number } {
    return { open: this.open.size, recent: this.recentSize, recentKeys: this.recentByKey.size, pairs: this.pairs.size };
  }

  findOpen(key: string): Transaction | undefined {
    return this.open.get(key);
  }

  findRecent(key: string): Transaction | undefined {
    return this.recentByKey.get(key);
  }

  add(transaction: Transaction): void {
    this.open.set(transaction.key, transaction);
    this.appendAge(transaction);
    let pair = this.pairs.get(transaction.pairKey);
    if (!pair) {
      pair = { head: undefined, tail: undefined, size: 0 };
      this.pairs.set(transaction.pairKey, pair);
    }
    transaction.pairPrevious = pair.tail;
    if (pair.tail) pair.tail.pairNext = transaction;
    else pair.head = transaction;
    pair.tail = transaction;
    pair.size++;
    while (this.open.size > this.openLimit && this.ageHead) {
      this.evicted++;
      this.settle(this.ageHead, 'unanswered', 0, this.ageHead.lastMicroseconds);
    }
  }

  /** The same query sent again before any answer: the timeout restarts from this copy. */
  retransmitted(transaction: Transaction, frame: number, microseconds: number, ipId: number, limit: number): void {
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
    this.open.delete(transaction.key);
    this.unlinkAge(transaction);
    transaction.outcome = outcome;
    transaction.settledBy = settledBy;
    transaction.settledMicroseconds = microseconds;
    this.listener.settled(transaction, 'pending');
    // The copy of the query stays until the caller has written its evidence (releaseSnapshot),
    // and for a timeout until it is final: a late ICMP error or the timeout incident needs its line.
    this.appendRecent(transaction);
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
  }

  /**
   * The newest transaction between two addresses that fits what an ICMP error quotes;
   * open ones first, then recently settled ones.
   */
  findByPair(pairKey: string, criteria: PairCriteria): Transaction | undefined {
    const pair = this.pairs.get(pairKey);
    if (!pair) return undefined;
    let settledMatch: Transaction | undefined;
    let scanned = 0;
    for (let transaction = pair.tail; transaction && scanned < pairScanLimit; transaction = transaction.pairPrevious, scanned++) {
      if (criteria.transport !== undefined && transaction.transport !== criteria.transport) continue;
      if (criteria.serverPort > 0 && transaction.serverPort !== criteria.serverPort) continue;
      if (criteria.clientPort > 0 && transaction.clientPort !== criteria.clientPort) continue;
      if (criteria.dnsId >= 0 && transaction.id !== criteria.dnsId) continue;
      if (criteria.ipId > 0 && criteria.clientPort <= 0 && transaction.ipId !== 0 && transaction.ipId !== criteria.ipId) continue;
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

  /** Open transactions, oldest first. */
  forEachOpen(visit: (transaction: Transaction) => void): void {
    for (let transaction = this.ageHead; transaction; transaction = transaction.ageNext) visit(transaction);
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
    this.recentByKey.delete(transaction.key); // re-inserting keeps the Map's order meaningful
    this.recentByKey.set(transaction.key, transaction);
    transaction.recentNext = undefined;
    if (this.recentTail) this.recentTail.recentNext = transaction;
    else this.recentHead = transaction;
    this.recentTail = transaction;
    this.recentSize++;
    while (this.recentSize > this.recentLimit) this.releaseHead();
  }

  private releaseHead(): void {
    const transaction = this.recentHead;
    if (!transaction) return;
    this.recentHead = transaction.recentNext;
    if (!this.recentHead) this.recentTail = undefined;
    transaction.recentNext = undefined;
    this.recentSize--;
    if (this.recentByKey.get(transaction.key) === transaction) this.recentByKey.delete(transaction.key);
    this.unlinkPair(transaction);
    if (transaction.outcome === 'unanswered') {
      transaction.released = true;
      this.listener.timedOut(transaction);
    }
    transaction.snapshot = undefined;
  }

  private unlinkPair(transaction: Transaction): void {
    const pair = this.pairs.get(transaction.pairKey);
    if (!pair) return;
    const previous = transaction.pairPrevious;
    const next = transaction.pairNext;
    if (previous) previous.pairNext = next;
    else if (pair.head === transaction) pair.head = next;
    if (next) next.pairPrevious = previous;
    else if (pair.tail === transaction) pair.tail = previous;
    transaction.pairPrevious = undefined;
    transaction.pairNext = undefined;
    if (--pair.size <= 0) this.pairs.delete(transaction.pairKey);
  }
}
