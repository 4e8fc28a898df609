import { printQuestion, printRecord } from './dns-records';
import { skipName } from './dns-names';
import { tcpdumpOpcodeText, tcpdumpRcodeText } from '../decode/dns-names';
import type { PrintContext } from './print-context';

/**
 * A DNS message (RFC 1035 §4.1) as tcpdump 4.99's domain_print prints it.
 *
 * Query:    "35084+ [1au] A? yummyrecipesforme.com. (24)": id, opcode, '+' recursion desired,
 *           '%' checking disabled, unusual counts in brackets, the questions, the length.
 * Response: "35084*- q: A? name. 1/0/0 name. A 192.0.2.1 (40)": id, opcode, rcode name, '*'
 *           authoritative, '-' recursion not available, '|' truncated, '$' authentic data,
 *           the questions with -vv, answer/authority/additional counts, the answers (the
 *           other sections with -vv), the length.
 *
 * Over TCP the two-byte length prefix (RFC 1035 §4.2.2) must match the segment's payload.
 */

const headerLength = 12;

/** A record that could not be read: end the message with "[|domain]". */
class StopPrinting {
  readonly stopPrinting = true;
}
const stopPrinting = new StopPrinting();

export function printDns(
  context: PrintContext,
  offset: number,
  messageLength: number,
  overTcp: boolean,
  multicastDns: boolean,
): void {
  context.protocol = 'domain';
  let start = offset;
  let length = messageLength;
  if (overTcp) {
    if (length < 2) {
      context.print(` [DNS over TCP: length ${length} < 2]`);
      context.printInvalid();
      return;
    }
    length -= 2;
    const prefix = context.uint16(start);
    if (prefix !== length) {
      context.print(` [prefix length(${prefix}) != length(${length})]`);
      context.printInvalid();
      return;
    }
    start += 2;
    context.print(' ');
  }
  if (length < headerLength) {
    context.print(`domain [length ${length} < ${headerLength}]`);
    context.printInvalid();
    return;
  }
  context.need(start, headerLength);
  const id = context.uint16(start);
  const flags = context.uint16(start + 2);
  let questionCount = context.uint16(start + 4);
  const answerCount = context.uint16(start + 6);
  const authorityCount = context.uint16(start + 8);
  const additionalCount = context.uint16(start + 10);
  const rcode = extendedRcode(
    context,
    start,
    flags & 0x0f,
    questionCount,
    answerCount + authorityCount,
    additionalCount,
  );
  const opcode = tcpdumpOpcodeText(flags >>> 11);
  const base = start;
  let position = start + headerLength;

  try {
    if (flags & 0x8000) {
      context.printNumber(id);
      context.print(opcode);
      context.print(tcpdumpRcodeText(rcode));
      if (flags & 0x0400) context.print('*');
      if (!(flags & 0x0080)) context.print('-');
      if (flags & 0x0200) context.print('|');
      if (flags & 0x0020) context.print('$');
      if (questionCount !== 1) context.print(` [${questionCount}q]`);
      for (let index = 0; index < questionCount; index++) {
        if (index !== 0) context.print(',');
        if (context.verbosity > 1) {
          context.print(' q:');
          position = printQuestion(context, position, base, multicastDns);
          if (position === -1) throw stopPrinting;
        } else {
          position = skipName(context, position);
          if (position === -1) throw stopPrinting;
          position += 4;
        }
      }
      context.print(' ');
      context.printNumber(answerCount);
      context.print('/');
      context.printNumber(authorityCount);
      context.print('/');
      context.printNumber(additionalCount);
      position = printSection(context, '', position, answerCount, base, multicastDns, true);
      if (context.verbosity > 1) {
        position = printSection(context, ' ns:', position, authorityCount, base, multicastDns, false);
        printSection(context, ' ar:', position, additionalCount, base, multicastDns, false);
      }
    } else {
      context.printNumber(id);
      context.print(opcode);
      if (flags & 0x0100) context.print('+');
      if (flags & 0x0010) context.print('%');
      // Bits a query should not set: AA, TC, RA, Z and the rcode.
      if (flags & 0x06cf) context.print(` [b2&3=0x${flags.toString(16)}]`);
      if (((flags >>> 11) & 0x0f) === 1) {
        // RFC 1035 §6.4 (obsolete inverse query): one answer and no question is the norm.
        if (questionCount) context.print(` [${questionCount}q]`);
        if (answerCount !== 1) context.print(` [${answerCount}a]`);
      } else {
        if (answerCount) context.print(` [${answerCount}a]`);
        if (questionCount !== 1) context.print(` [${questionCount}q]`);
      }
      if (authorityCount) context.print(` [${authorityCount}n]`);
      if (additionalCount) context.print(` [${additionalCount}au]`);
      if (questionCount) {
        position = printQuestion(context, position, base, multicastDns);
        if (position === -1) throw stopPrinting;
        questionCount--;
        while (position < context.end && questionCount) {
          position = printQuestion(context, position, base, multicastDns);
          if (position === -1) throw stopPrinting;
          questionCount--;
        }
      }
      if (questionCount) throw stopPrinting;
      if (context.verbosity > 1) {
        position = printSection(context, '', position, answerCount, base, multicastDns, true);
        position = printSection(context, ' ns:', position, authorityCount, base, multicastDns, false);
        printSection(context, ' ar:', position, additionalCount, base, multicastDns, false);
      }
    }
  } catch (error) {
    if (error !== stopPrinting) throw error;
    // domain_print's "goto trunc": the marker ends the message, but not the packet (an ICMP
    // error quoting this message goes on). Reads past the data jump out of the packet instead.
    context.printTruncated();
    return;
  }
  context.print(' (');
  context.printNumber(length);
  context.print(')');
}

/**
 * Prints up to `total` records, comma-separated, and returns the offset after them. The answer
 * section starts unconditionally, the others only with data left (as tcpdump). Stops the
 * message at a record that cannot be read and when records are left over.
 */
function printSection(
  context: PrintContext,
  label: string,
  start: number,
  total: number,
  base: number,
  multicastDns: boolean,
  answers: boolean,
): number {
  let count = total;
  let position = start;
  if (count && (answers || position < context.end)) {
    context.print(label);
    position = printRecord(context, position, base, multicastDns);
    if (position === -1) throw stopPrinting;
    count--;
    while (position < context.end && count) {
      context.print(',');
      position = printRecord(context, position, base, multicastDns);
      if (position === -1) throw stopPrinting;
      count--;
    }
  }
  if (count) throw stopPrinting;
  return position;
}

/**
 * RFC 6891 §6.1.3: an OPT record in the additional section carries the rcode's upper eight
 * bits in its TTL field. tcpdump skips to the first OPT record to merge them before printing.
 */
function extendedRcode(
  context: PrintContext,
  start: number,
  rcode: number,
  questions: number,
  records: number,
  additionals: number,
): number {
  let position = start + headerLength;
  for (let index = 0; index < questions; index++) {
    position = skipName(context, position);
    if (position === -1) return rcode;
    position += 4;
    if (position >= context.end) return rcode;
  }
  for (let index = 0; index < records; index++) {
    position = skipName(context, position);
    if (position === -1) return rcode;
    position += 8;
    if (position + 2 > context.end) return rcode;
    position += 2 + context.uint16(position);
    if (position >= context.end) return rcode;
  }
  for (let index = 0; index < additionals; index++) {
    position = skipName(context, position);
    if (position === -1) return rcode;
    if (position + 2 > context.end) return rcode;
    const type = context.uint16(position);
    position += 4;
    if (position + 1 > context.end) return rcode;
    if (type === 41) return rcode | (context.data[position]! << 4);
    position += 4;
    if (position + 2 > context.end) return rcode;
    position += 2 + context.uint16(position);
    if (position >= context.end) return rcode;
  }
  return rcode;
}
