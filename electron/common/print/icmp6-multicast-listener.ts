import { ipv6Text } from './address-text';
import type { PrintContext } from './print-context';

/** Multicast Listener Discovery (RFC 2710 MLDv1, RFC 3810 MLDv2) as tcpdump prints it. */

const recordTypes: ReadonlyMap<number, string> = new Map([
  [1, 'is_in'],
  [2, 'is_ex'],
  [3, 'to_in'],
  [4, 'to_ex'],
  [5, 'allow'],
  [6, 'block'],
]);

/** MLDv1 query, report or done: "max resp delay: 0 addr: ff02::1:3". */
export function printMulticastListener(context: PrintContext, offset: number): void {
  if (offset + 24 > context.end) return;
  context.print(`max resp delay: ${context.uint16(offset + 4)} addr: ${ipv6Text(context.data, offset + 8)}`);
}

/** MLDv2 report: ", 1 group record(s) [gaddr ff02::1:ff00:0 to_ex { }]". */
export function printMulticastListenerReportV2(context: PrintContext, offset: number, length: number): void {
  if (length < 8) {
    context.print(` [invalid len ${length}]`);
    return;
  }
  const groups = context.uint16(offset + 6);
  context.print(`, ${groups} group record(s)`);
  if (context.verbosity === 0) return;
  let group = 8;
  for (let index = 0; index < groups; index++) {
    if (length < group + 20) {
      context.print(' [invalid number of groups]');
      return;
    }
    context.need(offset + group + 4, 16);
    context.print(` [gaddr ${ipv6Text(context.data, offset + group + 4)}`);
    const recordType = context.byte(offset + group);
    context.print(` ${recordTypes.get(recordType) ?? ` [v2-report-#${recordType}]`}`);
    const sources = context.uint16(offset + group + 2);
    if (length < group + 20 + sources * 16) {
      context.print(` [invalid number of sources ${sources}]`);
      return;
    }
    if (context.verbosity === 1) context.print(`, ${sources} source(s)`);
    else {
      context.print(' {');
      for (let source = 0; source < sources; source++) {
        const address = offset + group + 20 + source * 16;
        context.need(address, 16);
        context.print(` ${ipv6Text(context.data, address)}`);
      }
      context.print(' }');
    }
    group += 20 + sources * 16;
    context.print(']');
  }
}

/** MLDv2 query: " [max resp delay=10000] [gaddr :: robustness=2 qqi=60]". */
export function printMulticastListenerQueryV2(context: PrintContext, offset: number, length: number): void {
  if (length < 28) {
    context.print(` [invalid len ${length}]`);
    return;
  }
  // RFC 3810 §5.1.3 and §5.1.9: codes at or above 32768 / 128 are floating point.
  const code = context.uint16(offset + 4);
  const maximumResponse = code < 32768 ? code : ((code & 0x0fff) | 0x1000) << (((code & 0x7000) >> 12) + 3);
  if (context.verbosity > 0) context.print(` [max resp delay=${maximumResponse}]`);
  context.need(offset + 8, 16);
  context.print(` [gaddr ${ipv6Text(context.data, offset + 8)}`);
  if (context.verbosity > 0) {
    const flags = context.byte(offset + 24);
    if (flags & 0x08) context.print(' sflag');
    if (flags & 0x07) context.print(` robustness=${flags & 0x07}`);
    const interval = context.byte(offset + 25);
    const queryInterval =
      interval < 128 ? interval : ((interval & 0x0f) | 0x10) << (((interval & 0x70) >> 4) + 3);
    context.print(` qqi=${queryInterval}`);
  }
  const sources = context.uint16(offset + 26);
  if (sources > 0) {
    if (length < 28 + sources * 16) context.print(' [invalid number of sources]');
    else if (context.verbosity > 1) {
      context.print(' {');
      for (let index = 0; index < sources; index++) {
        context.need(offset + 28 + index * 16, 16);
        context.print(` ${ipv6Text(context.data, offset + 28 + index * 16)}`);
      }
      context.print(' }');
    } else context.print(`, ${sources} source(s)`);
  }
  context.print(']');
}
