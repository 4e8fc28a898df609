/**
 * The delay paragraph of an incident's analysis: how long after their queries the failing
 * answers came (the contract's `answerDelay`), and what that says of how they were made.
 */
import {
  fastServfailMilliseconds,
  slowIcmpMilliseconds,
  slowServfailMilliseconds,
} from '../analysis/answer-delays';
import type { Incident } from './analysis-schema';
import { icmpName, kindTexts } from './incident-kind-text';
import type { Inline } from './report-document';
import { formatDuration } from './time-format';

/** '0.312 ms', '48.5 ms', '3.905993 s'. */
export function delayText(milliseconds: number): string {
  return milliseconds < 1000
    ? `${Number(milliseconds.toFixed(3))} ms`
    : formatDuration(Math.round(milliseconds * 1000));
}

type AnswerDelay = NonNullable<Incident['answerDelay']>;

/** 'fastest to slowest', or the one value when they are the same: '0.21 ms to 0.42 ms', '4 ms'. */
export function delayRange(delay: AnswerDelay): string {
  return delay.minMilliseconds === delay.maxMilliseconds
    ? delayText(delay.maxMilliseconds)
    : `${delayText(delay.minMilliseconds)} to ${delayText(delay.maxMilliseconds)}`;
}

export function answerDelayText(incident: Incident): Inline[] | undefined {
  const delay = incident.answerDelay;
  if (!delay) return undefined;
  const kind = kindTexts[incident.kind];
  const what = kind.rcode
    ? `${kind.rcode.name} response`
    : incident.icmpErrors > 0
      ? `${icmpName(incident)} error`
      : 'failing answer';
  const { answers, minMilliseconds, meanMilliseconds, maxMilliseconds, afterTimeout } = delay;
  const mean = minMilliseconds === maxMilliseconds ? '' : ` (mean ${delayText(meanMilliseconds)})`;
  let text = ` ${answers === 1 ? 'The' : 'Each'} ${what} came ${delayRange(delay)} after its query${mean}.`;
  if (afterTimeout > 0) {
    const who =
      afterTimeout === answers ? (answers === 1 ? 'It' : 'All of them') : `${afterTimeout} of ${answers}`;
    text += ` ${who} came after the query timeout, and count as answers that came after the timeout.`;
  }
  if (kind.icmp) {
    text +=
      maxMilliseconds >= slowIcmpMilliseconds
        ? ' A host or router sends an ICMP error when it refuses the datagram, so it comes within a round trip: errors seconds late are unusual. The queries or the errors were held up on the way, or the capture\u2019s time stamps are off.'
        : ' That is prompt, as an error sent when the datagram was refused should be.';
  } else if (incident.kind === 'dns-servfail') {
    if (minMilliseconds >= slowServfailMilliseconds)
      text +=
        ' A resolver that answers SERVFAIL only after that long was waiting for upstream servers (authoritative servers or forwarders) that did not answer.';
    else if (maxMilliseconds < fastServfailMilliseconds)
      text +=
        ' That is too fast to have asked upstream servers: the resolver failed on what it already had, a resolution failure it had cached (RFC 9520), data that failed DNSSEC validation, or its own configuration.';
  }
  return [{ strong: 'Delay:' }, text];
}
