/**
 * Admits one WebSocket's requests and sends their answers without letting a page that stops
 * reading pile up unsent bytes on the server. The policy is backpressure, as TCP and HTTP/2
 * flow control do it, never a cut-off: a page that is merely slow (Chromium busy drawing a
 * million events) gets every answer once it reads again, and one that never reads costs a
 * bounded amount while every other connection is served as usual.
 *
 * The bounds, per connection:
 * - An answer goes to the socket only while its unsent bytes (ws's bufferedAmount) are at or
 *   under `limitBytes`, so they never exceed the limit plus one message.
 * - At most `maximumRunning` requests run at once; their answers wait here while the socket
 *   is over the limit. So at most that many answers are held, besides the socket's bytes.
 * - While anything waits, the socket is paused: its requests stay in the kernel's receive
 *   buffer (and then the page's send buffer), not here. Only the frames ws had already read
 *   when it paused are queued, at most one read's worth (a 16 MiB frame at worst).
 */
import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../common/ipc/wire';
import { unsentLimitBytes, type PacedSender } from './paced-sender';

/**
 * The renderer asks one thing at a time (sync-session.ts pages events one request after
 * another); a few at once leave room for a preview or an export beside a page, and keep the
 * answers held for a page that does not read to a few.
 */
export const maximumRunningRequests = 4;
/** How often a waiting connection looks at its socket again when no write completion wakes it (the events' own pace). */
const retryMs = 100;

export interface PacerStats {
  /** Frames read and not yet started. */
  waitingRequests: number;
  runningRequests: number;
  /** Answers ready, waiting for the socket to drain. */
  heldAnswers: number;
  /** Whether reading from the socket is paused. */
  paused: boolean;
  /** How many times the connection had to wait for the page to read. */
  stalls: number;
}

export class RequestPacer {
  private readonly waiting: (string | null)[] = [];
  private readonly answers: ServerMessage[] = [];
  private running = 0;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  private stalled = false;
  private stalls = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly sender: PacedSender,
    private readonly answer: (text: string | null) => Promise<ServerMessage>,
    private readonly limitBytes = unsentLimitBytes,
    private readonly maximumRunning = maximumRunningRequests,
  ) {}

  /** One frame from the page: its text, or null for a binary frame. */
  receive(text: string | null): void {
    this.waiting.push(text);
    this.pump();
  }

  get stats(): PacerStats {
    return {
      waitingRequests: this.waiting.length,
      runningRequests: this.running,
      heldAnswers: this.answers.length,
      paused: this.socket.isPaused,
      stalls: this.stalls,
    };
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting.length = 0;
    this.answers.length = 0;
  }

  private overLimit(): boolean {
    return this.socket.bufferedAmount > this.limitBytes;
  }

  private pump(): void {
    if (this.disposed || this.socket.readyState !== this.socket.OPEN) return;
    while (this.answers.length > 0 && !this.overLimit())
      this.sender.sendNow(this.answers.shift()!, () => this.pump());
    // A new request starts only once every finished answer is out, so held answers stay at most maximumRunning.
    while (
      this.waiting.length > 0 &&
      this.answers.length === 0 &&
      this.running < this.maximumRunning &&
      !this.overLimit()
    )
      this.start(this.waiting.shift()!);
    const blocked =
      this.answers.length > 0 ||
      this.waiting.length > 0 ||
      this.running >= this.maximumRunning ||
      this.overLimit();
    if (blocked && !this.socket.isPaused) this.socket.pause();
    if (!blocked && this.socket.isPaused) this.socket.resume();
    const stalled = this.answers.length > 0 || (this.waiting.length > 0 && this.overLimit());
    if (stalled && !this.stalled) this.stalls++;
    this.stalled = stalled;
    // Write completions wake a stalled connection; the timer covers bytes that were events'.
    if (stalled)
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, retryMs);
  }

  private start(text: string | null): void {
    this.running++;
    this.answer(text)
      .then(
        (message) => message,
        // The service answers failures with an envelope; this is a bug in the bridge itself.
        (error: unknown): ServerMessage => ({
          type: 'response',
          id: null,
          envelope: {
            ok: false,
            error: {
              code: 'failed',
              message: error instanceof Error ? error.message : String(error),
              issues: [],
              fix: null,
            },
          },
        }),
      )
      .then((message) => {
        if (!this.disposed) this.answers.push(message);
      })
      .finally(() => {
        this.running--;
        this.pump();
      });
  }
}
