import type { DnsEdns, DnsLayer, DnsQuestion, DnsRdata, DnsRecord } from '../model/layers';
import { NO_BYTES, UnreadableText } from './tcpdump-text-layers';
import {
  dnsClassFromText,
  dnsOpcodeFromText,
  dnsRcodeFromText,
  dnsTypeFromText,
  durationFromText,
} from './tcpdump-text-names';

/**
 * A DNS message as tcpdump's print-domain.c prints it, read back into a DnsLayer:
 *
 *   query:    `35084+ [1au] A? yummyrecipesforme.com. (24)`
 *   response: `35084 NXDomain*- q: A? example.com. 1/0/0 example.com. [5m] A 192.0.2.1 (45)`
 *
 * After the id come the opcode (` notify`, ` update`), the response code (` NXDomain`)
 * and the flag characters: `+` recursion desired, `*` authoritative, `-` recursion not
 * available, `|` truncated, `$` authentic data, `%` checking disabled (RFC 1035 §4.1.1,
 * RFC 4035 §3.2). `[Nq]`, `[Na]`, `[Nn]`, `[Nau]` give section counts that differ from the
 * usual; a response gives them all as `an/ns/ar`. `-vv` adds `q:`, `ns:` and `ar:`.
 */

const FLAG_CHARACTERS = /^([+*\-|$%]*)$/;

export function parseDnsText(input: string, transport: 'udp' | 'tcp'): DnsLayer {
  let text = input.trim();
  let length = 0;
  let truncated: string | undefined;
  const lengthMatch = / ?\((\d+)\)$/.exec(text);
  if (lengthMatch) {
    length = Number(lengthMatch[1]);
    text = text.slice(0, lengthMatch.index).trim();
  }
  const cut = /\s*\[\|domain\]$/.exec(text);
  if (cut) {
    truncated = 'tcpdump printed [|domain]: the DNS message was cut short';
    text = text.slice(0, cut.index).trim();
  }
  if (!lengthMatch && !truncated) throw new UnreadableText('DNS text without its "(length)" at the end');

  const tokens = text.split(' ');
  const header = readHeader(tokens);
  let rest = tokens.slice(header.used).join(' ');

  const counts = { question: 1, answer: 0, authority: 0, additional: 0 };
  let weirdFlags: number | undefined;
  let questionCountGiven = false;
  for (;;) {
    const bracket = /^\[(\d+)(q|a|n|au)\] ?/.exec(rest) ?? /^\[b2&3=0x([0-9a-f]+)\] ?/.exec(rest);
    if (!bracket) break;
    if (bracket[0].startsWith('[b2&3')) weirdFlags = parseInt(bracket[1]!, 16);
    else if (bracket[2] === 'q') {
      counts.question = Number(bracket[1]);
      questionCountGiven = true;
    } else if (bracket[2] === 'a') counts.answer = Number(bracket[1]);
    else if (bracket[2] === 'n') counts.authority = Number(bracket[1]);
    else counts.additional = Number(bracket[1]);
    rest = rest.slice(bracket[0].length);
  }

  const countsMatch = /(?:^| )(\d+)\/(\d+)\/(\d+)(?= |$)/.exec(rest);
  const response = countsMatch !== null || /[*\-|]/.test(header.flags) || header.rcode !== 0;
  let questions: DnsQuestion[] = [];
  let sections = '';
  if (countsMatch) {
    const before = rest.slice(0, countsMatch.index).trim();
    questions = before === '' ? [] : readQuestions(before.replace(/^q: /, '').replace(/, q: /g, ', '));
    counts.answer = Number(countsMatch[1]);
    counts.authority = Number(countsMatch[2]);
    counts.additional = Number(countsMatch[3]);
    sections = rest.slice(countsMatch.index + countsMatch[0].length).trim();
    if (!questionCountGiven) counts.question = 1;
  } else {
    const split = /(?:^| )(?:an|ns|ar): /.exec(rest);
    const questionText = split ? rest.slice(0, split.index) : rest;
    questions = questionText.trim() === '' ? [] : readQuestions(questionText.trim());
    if (!questionCountGiven) counts.question = questions.length || (truncated ? 0 : 1);
    sections = split ? rest.slice(split.index).trim() : '';
    if (!truncated && questions.length === 0 && !response)
      throw new UnreadableText('DNS query without a question');
  }

  const records = readSections(sections, countsMatch !== null);
  const edns = ednsFrom(records.additionals);
  const flags =
    weirdFlags ??
    (response ? 0x8000 : 0) |
      ((header.opcode & 0xf) << 11) |
      (header.flags.includes('*') ? 0x0400 : 0) |
      (header.flags.includes('|') ? 0x0200 : 0) |
      (header.flags.includes('+') ? 0x0100 : 0) |
      (response && !header.flags.includes('-') ? 0x0080 : 0) |
      (header.flags.includes('$') ? 0x0020 : 0) |
      (header.flags.includes('%') ? 0x0010 : 0) |
      (header.rcode & 0xf);
  const layer: DnsLayer = {
    kind: 'dns',
    transport,
    id: header.id,
    flags,
    response: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0xf,
    authoritative: (flags & 0x0400) !== 0,
    truncatedResponse: (flags & 0x0200) !== 0,
    recursionDesired: (flags & 0x0100) !== 0,
    recursionAvailable: (flags & 0x0080) !== 0,
    authenticData: (flags & 0x0020) !== 0,
    checkingDisabled: (flags & 0x0010) !== 0,
    rcode: weirdFlags !== undefined ? weirdFlags & 0xf : header.rcode,
    questionCount: counts.question,
    answerCount: counts.answer,
    authorityCount: counts.authority,
    additionalCount: counts.additional,
    questions,
    answers: records.answers,
    authorities: records.authorities,
    additionals: records.additionals,
    length,
  };
  if (edns) layer.edns = edns;
  if (truncated) layer.truncated = truncated;
  return layer;
}

interface DnsHeaderText {
  id: number;
  opcode: number;
  rcode: number;
  flags: string;
  used: number;
}

/** `35084+`, `35084 NXDomain*`, `1234 notify*-`: the id, then opcode and rcode words, flags last. */
function readHeader(tokens: string[]): DnsHeaderText {
  const first = /^(\d{1,5})([+*\-|$%]*)$/.exec(tokens[0] ?? '');
  if (!first || Number(first[1]) > 65535)
    throw new UnreadableText(`expected a DNS id, found "${tokens[0] ?? ''}"`);
  const header: DnsHeaderText = { id: Number(first[1]), opcode: 0, rcode: 0, flags: first[2]!, used: 1 };
  if (header.flags !== '') return header;
  const word = (index: number): { name: string; flags: string } | undefined => {
    const match = /^([A-Za-z_]+\d*)([+*\-|$%]*)$/.exec(tokens[index] ?? '');
    return match && FLAG_CHARACTERS.test(match[2]!) ? { name: match[1]!, flags: match[2]! } : undefined;
  };
  const opcodeWord = word(header.used);
  const opcode = opcodeWord && dnsOpcodeFromText(opcodeWord.name);
  if (opcodeWord && opcode !== undefined) {
    header.opcode = opcode;
    header.flags = opcodeWord.flags;
    header.used++;
    if (header.flags !== '') return header;
  }
  const rcodeWord = word(header.used);
  const rcode = rcodeWord && dnsRcodeFromText(rcodeWord.name);
  if (rcodeWord && rcode !== undefined) {
    header.rcode = rcode;
    header.flags = rcodeWord.flags;
    header.used++;
  }
  return header;
}

/** `A? example.com.`, `TXT CHAOS? version.bind.`, `PTR (QM)? _http._tcp.local.`, comma-separated. */
function readQuestions(text: string): DnsQuestion[] {
  const questions: DnsQuestion[] = [];
  const pattern =
    /([A-Za-z0-9_]+)(?: (IN|CHAOS|CH|HS|ANY|NONE|\(Class \d+\)))?(?: \((QU|QM)\))?\? (\S+?)(?:,? |,?$)/y;
  let position = 0;
  while (position < text.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (!match)
      throw new UnreadableText(`expected a DNS question ("TYPE? name."), found "${text.slice(position)}"`);
    const type = dnsTypeFromText(match[1]!);
    if (type === undefined) throw new UnreadableText(`unknown DNS type "${match[1]}"`);
    const question: DnsQuestion = {
      name: presentationName(match[4]!),
      type,
      class: match[2] ? dnsClassFromText(match[2])! : 1,
    };
    if (match[3]) question.unicastResponse = match[3] === 'QU';
    questions.push(question);
    position = pattern.lastIndex;
  }
  return questions;
}

function readSections(
  text: string,
  answersFirst: boolean,
): { answers: DnsRecord[]; authorities: DnsRecord[]; additionals: DnsRecord[] } {
  const result = {
    answers: [] as DnsRecord[],
    authorities: [] as DnsRecord[],
    additionals: [] as DnsRecord[],
  };
  if (text === '') return result;
  // A response prints its answers right after the counts; every other section has a label.
  const parts = (answersFirst ? `an: ${text}` : text).split(/(?:^| )(an|ns|ar): /);
  for (let index = 1; index + 1 < parts.length; index += 2) {
    const label = parts[index];
    const body = parts[index + 1]!.trim();
    if (body === '') continue;
    const records = body.split(', ').map(readRecord);
    if (label === 'an') result.answers.push(...records);
    else if (label === 'ns') result.authorities.push(...records);
    else result.additionals.push(...records);
  }
  return result;
}

/** `[owner.] [CLASS] [[ttl]] TYPE rdata`; the owner and TTL appear with -v and -vvv. */
function readRecord(text: string): DnsRecord {
  const tokens = text
    .replace(/ \(Cache flush\)/, '')
    .replace(/\(Class (\d+)\)/, '(Class_$1)')
    .split(' ');
  let index = 0;
  let name = '';
  let recordClass = 1;
  let ttl = 0;
  const first = tokens[0] ?? '';
  if (tokens.length > 1 && first.endsWith('.') && dnsTypeFromText(first) === undefined) {
    name = presentationName(first);
    index++;
  }
  for (;;) {
    const token = tokens[index] ?? '';
    const classNumber = dnsClassFromText(token.replace('(Class_', '(Class '));
    if (classNumber !== undefined && dnsTypeFromText(token) === undefined) {
      recordClass = classNumber;
      index++;
      continue;
    }
    const relative = /^\[(.+)\]$/.exec(token);
    if (relative) {
      ttl = durationFromText(relative[1]!) ?? 0;
      index++;
      continue;
    }
    break;
  }
  const typeText = tokens[index] ?? '';
  const type = dnsTypeFromText(typeText);
  if (type === undefined)
    throw new UnreadableText(`expected a DNS record type, found "${typeText}" in "${text}"`);
  const rdata = tokens.slice(index + 1);
  const record: DnsRecord = { name, type, class: recordClass, ttl, rdata: NO_BYTES };
  const data = typedData(typeText, rdata);
  if (data) record.data = data;
  if (type === 41) {
    // OPT: the class field is the requestor's UDP payload size (RFC 6891 §6.1.2).
    const size = /^UDPsize=(\d+)$/.exec(rdata[0] ?? '');
    if (size) record.class = Number(size[1]);
    if (rdata.includes('DO')) record.ttl = 0x8000;
  }
  return record;
}

function typedData(type: string, rdata: string[]): DnsRdata | undefined {
  const [first, second] = rdata;
  if (first === undefined) return undefined;
  switch (type) {
    case 'A':
    case 'AAAA':
      return { type, address: first };
    case 'CNAME':
    case 'NS':
    case 'PTR':
    case 'DNAME':
      return { type, name: presentationName(first) };
    case 'MX':
      // print-domain.c prints the exchange, then the preference.
      return second !== undefined && /^\d+$/.test(second)
        ? { type, preference: Number(second), exchange: presentationName(first) }
        : undefined;
    case 'OPT':
      return { type, options: [] };
    default:
      return undefined;
  }
}

function ednsFrom(additionals: DnsRecord[]): DnsEdns | undefined {
  const opt = additionals.find((record) => record.type === 41);
  if (!opt) return undefined;
  return {
    udpPayloadSize: opt.class,
    extendedRcode: 0,
    version: 0,
    dnssecOk: (opt.ttl & 0x8000) !== 0,
    options: [],
  };
}

/** tcpdump prints names with their final dot; the model keeps them without ("" for the root). */
function presentationName(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}
