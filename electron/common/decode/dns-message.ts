/**
 * A DNS message (RFC 1035 §4.1): header, flags, and every section, with EDNS (RFC 6891) and
 * the mDNS bits (RFC 6762 §18.12, §10.2). Shared by the UDP and TCP decoders (dns.ts and
 * dns-tcp.ts), which differ only in framing.
 *
 * Reading stops at the first question or record whose position can no longer be trusted (cut
 * short, or a name that runs off the end); a record whose rdata alone is malformed keeps its
 * raw rdata and a reason, and reading goes on with the next record, since rdlength says where
 * it ends. The layer's `truncated` is the first reason met.
 */
import type { DnsEdns, DnsLayer, DnsQuestion, DnsRecord } from '../model/layers';
import { emptyBytes, shortReason } from './bytes';
import { nameResult, readName, startMessage } from './dns-name';
import { readRdata } from './dns-rdata';

const headerLength = 12;
const optType = 41;
/** Shared by every empty section, so that most messages allocate two arrays, not four. */
const noQuestions: DnsQuestion[] = Object.freeze([]) as unknown as DnsQuestion[];
const noRecords: DnsRecord[] = Object.freeze([]) as unknown as DnsRecord[];

/** Scratch state of one readDnsMessage call: the next offset and the first reason. */
let offset = 0;
let firstReason: string | undefined;
let stopped = false;
let edns: DnsEdns | undefined;

function note(reason: string): void {
  if (firstReason === undefined) firstReason = reason;
}

function readQuestions(message: Uint8Array, count: number, multicast: boolean): DnsQuestion[] {
  if (count === 0) return noQuestions;
  const questions: DnsQuestion[] = [];
  const size = message.length;
  for (let index = 0; index < count; index++) {
    const end = readName(message, offset);
    const name = nameResult.text;
    let reason = nameResult.error;
    if (end < 0 || end + 4 > size) {
      reason ??= shortReason(
        'dns',
        `question ${index + 1} of ${count}`,
        4,
        Math.max(0, size - Math.max(end, 0)),
      );
      questions.push({ name, type: 0, class: 0, unicastResponse: undefined, truncated: reason });
      note(reason);
      stopped = true;
      return questions;
    }
    const type = (message[end]! << 8) | message[end + 1]!;
    let questionClass = (message[end + 2]! << 8) | message[end + 3]!;
    let unicastResponse: boolean | undefined;
    if (multicast) {
      unicastResponse = (questionClass & 0x8000) !== 0;
      questionClass &= 0x7fff;
    }
    questions.push({ name, type, class: questionClass, unicastResponse, truncated: reason });
    if (reason !== undefined) note(reason);
    offset = end + 4;
  }
  return questions;
}

function readRecords(message: Uint8Array, count: number, section: string, multicast: boolean): DnsRecord[] {
  if (count === 0 || stopped) return noRecords;
  const records: DnsRecord[] = [];
  const size = message.length;
  for (let index = 0; index < count; index++) {
    const end = readName(message, offset);
    const name = nameResult.text;
    let reason = nameResult.error;
    if (end < 0 || end + 10 > size) {
      reason ??= shortReason(
        'dns',
        `${section} record ${index + 1} of ${count}`,
        10,
        Math.max(0, size - Math.max(end, 0)),
      );
      records.push({
        name,
        type: 0,
        class: 0,
        cacheFlush: undefined,
        ttl: 0,
        rdata: emptyBytes,
        data: undefined,
        truncated: reason,
      });
      note(reason);
      stopped = true;
      return records;
    }
    const type = (message[end]! << 8) | message[end + 1]!;
    let recordClass = (message[end + 2]! << 8) | message[end + 3]!;
    const ttl =
      ((message[end + 4]! << 24) |
        (message[end + 5]! << 16) |
        (message[end + 6]! << 8) |
        message[end + 7]!) >>>
      0;
    const rdataLength = (message[end + 8]! << 8) | message[end + 9]!;
    const rdataStart = end + 10;
    let rdataEnd = rdataStart + rdataLength;
    let cacheFlush: boolean | undefined;
    if (multicast && type !== optType) {
      cacheFlush = (recordClass & 0x8000) !== 0;
      recordClass &= 0x7fff;
    }
    let data: DnsRecord['data'];
    if (rdataEnd > size) {
      reason ??= `dns: ${section} record ${index + 1} rdata needs ${rdataLength} bytes, ${size - rdataStart} present`;
      rdataEnd = size;
      stopped = true;
    } else {
      const typed = readRdata(message, rdataStart, rdataEnd, type);
      if (typeof typed === 'string') reason ??= typed;
      else data = typed;
    }
    records.push({
      name,
      type,
      class: recordClass,
      cacheFlush,
      ttl,
      rdata: message.subarray(rdataStart, rdataEnd),
      data,
      truncated: reason,
    });
    if (reason !== undefined) note(reason);
    if (type === optType && edns === undefined && data !== undefined && data.type === 'OPT') {
      // RFC 6891 §6.1.3: the TTL field holds the extended rcode, the version and the DO bit.
      edns = {
        udpPayloadSize: recordClass,
        extendedRcode: ttl >>> 24,
        version: (ttl >>> 16) & 0xff,
        dnssecOk: (ttl & 0x8000) !== 0,
        options: data.options,
      };
    }
    if (stopped) return records;
    offset = rdataEnd;
  }
  return records;
}

/** Reads one DNS message; `multicast` applies the mDNS class bits (port 5353 only). */
export function readDnsMessage(message: Uint8Array, transport: 'udp' | 'tcp', multicast: boolean): DnsLayer {
  const size = message.length;
  if (size < headerLength) {
    return {
      kind: 'dns',
      transport,
      id: size >= 2 ? (message[0]! << 8) | message[1]! : 0,
      flags: size >= 4 ? (message[2]! << 8) | message[3]! : 0,
      response: size >= 3 ? (message[2]! & 0x80) !== 0 : false,
      opcode: size >= 3 ? (message[2]! >> 3) & 0x0f : 0,
      authoritative: size >= 3 ? (message[2]! & 0x04) !== 0 : false,
      truncatedResponse: size >= 3 ? (message[2]! & 0x02) !== 0 : false,
      recursionDesired: size >= 3 ? (message[2]! & 0x01) !== 0 : false,
      recursionAvailable: size >= 4 ? (message[3]! & 0x80) !== 0 : false,
      authenticData: size >= 4 ? (message[3]! & 0x20) !== 0 : false,
      checkingDisabled: size >= 4 ? (message[3]! & 0x10) !== 0 : false,
      rcode: size >= 4 ? message[3]! & 0x0f : 0,
      questionCount: 0,
      answerCount: 0,
      authorityCount: 0,
      additionalCount: 0,
      questions: noQuestions,
      answers: noRecords,
      authorities: noRecords,
      additionals: noRecords,
      edns: undefined,
      length: size,
      message,
      truncated: shortReason('dns', 'header', headerLength, size),
    };
  }
  const flags = (message[2]! << 8) | message[3]!;
  const questionCount = (message[4]! << 8) | message[5]!;
  const answerCount = (message[6]! << 8) | message[7]!;
  const authorityCount = (message[8]! << 8) | message[9]!;
  const additionalCount = (message[10]! << 8) | message[11]!;
  startMessage(message);
  offset = headerLength;
  firstReason = undefined;
  stopped = false;
  edns = undefined;
  const questions = readQuestions(message, questionCount, multicast);
  const answers = readRecords(message, answerCount, 'answer', multicast);
  const authorities = readRecords(message, authorityCount, 'authority', multicast);
  const additionals = readRecords(message, additionalCount, 'additional', multicast);
  const found = edns as DnsEdns | undefined;
  return {
    kind: 'dns',
    transport,
    id: (message[0]! << 8) | message[1]!,
    flags,
    response: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0x0f,
    authoritative: (flags & 0x0400) !== 0,
    truncatedResponse: (flags & 0x0200) !== 0,
    recursionDesired: (flags & 0x0100) !== 0,
    recursionAvailable: (flags & 0x0080) !== 0,
    authenticData: (flags & 0x0020) !== 0,
    checkingDisabled: (flags & 0x0010) !== 0,
    // RFC 6891 §6.1.3: the OPT record's 8 extended bits sit above the header's 4.
    rcode: found === undefined ? flags & 0x0f : (found.extendedRcode << 4) | (flags & 0x0f),
    questionCount,
    answerCount,
    authorityCount,
    additionalCount,
    questions,
    answers,
    authorities,
    additionals,
    edns: found,
    length: size,
    message,
    truncated: firstReason,
  };
}
