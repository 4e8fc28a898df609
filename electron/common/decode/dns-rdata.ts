/**
 * Typed rdata for the common record types. Each reader sees the whole message (names may be
 * compressed against it) and the record's rdata bounds; a name or field that does not fit the
 * rdata is an error, returned as text. Types not listed here stay raw in DnsRecord.rdata.
 *
 * A, AAAA (RFC 1035, 3596); NS, CNAME, PTR (RFC 1035), DNAME (RFC 6672); MX, TXT, SOA
 * (RFC 1035); SRV (RFC 2782); CAA (RFC 8659); SVCB, HTTPS (RFC 9460); DS, DNSKEY, RRSIG, NSEC
 * (RFC 4034); NSEC3 (RFC 5155); OPT (RFC 6891).
 */
import type { DnsRdata } from '../model/layers';
import { ipv4Text, ipv6Text } from './address-text';
import { readName, nameResult } from './dns-name';
import { readServiceParameters } from './dns-svcb-params';
import { readTypeBitmap } from './dns-type-bitmap';

export const DnsType = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  DNAME: 39,
  OPT: 41,
  DS: 43,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  NSEC3: 50,
  SVCB: 64,
  HTTPS: 65,
  CAA: 257,
} as const;

/** Where the last rdataName left off, and why it failed: scratch state, so that no result object is allocated. */
let nameEnd = 0;
let rdataError = '';

/** A name inside rdata: it must end within the rdata. Returns the text, or undefined (error in `rdataError`). */
function rdataName(message: Uint8Array, start: number, end: number): string | undefined {
  if (start >= end) {
    rdataError = `dns: name at ${start} is missing from the record`;
    return undefined;
  }
  const after = readName(message, start);
  if (nameResult.error !== undefined) {
    rdataError = nameResult.error;
    return undefined;
  }
  if (after > end) {
    rdataError = `dns: name at ${start} runs past the record`;
    return undefined;
  }
  nameEnd = after;
  return nameResult.text;
}

function uint16(message: Uint8Array, at: number): number {
  return (message[at]! << 8) | message[at + 1]!;
}

function uint32(message: Uint8Array, at: number): number {
  return ((message[at]! << 24) | (message[at + 1]! << 16) | (message[at + 2]! << 8) | message[at + 3]!) >>> 0;
}

function fixed(type: string, needed: number, present: number): string {
  return `dns: ${type} rdata needs ${needed} bytes, ${present} present`;
}

/**
 * The typed rdata of message[start..end) for `type`; a string is the reason it could not be
 * read; undefined means the type is not one we type, or the rdata is empty.
 */
export function readRdata(
  message: Uint8Array,
  start: number,
  end: number,
  type: number,
): DnsRdata | string | undefined {
  const length = end - start;
  // Empty rdata is how dynamic update (RFC 2136 §2.5.2, §2.4.1) deletes or asserts an RRset
  // of any type: not an error, just nothing to type. Only OPT gives it a meaning (no options).
  if (length === 0 && type !== 41) return undefined;
  switch (type) {
    case 1:
      if (length !== 4) return `dns: A rdata is ${length} bytes, not 4`;
      return { type: 'A', address: ipv4Text(message, start) };
    case 28:
      if (length !== 16) return `dns: AAAA rdata is ${length} bytes, not 16`;
      return { type: 'AAAA', address: ipv6Text(message, start) };
    case 2:
    case 5:
    case 12:
    case 39: {
      const name = rdataName(message, start, end);
      if (name === undefined) return rdataError;
      const tag = type === 2 ? 'NS' : type === 5 ? 'CNAME' : type === 12 ? 'PTR' : 'DNAME';
      return { type: tag, name };
    }
    case 15: {
      if (length < 3) return fixed('MX', 3, length);
      const exchange = rdataName(message, start + 2, end);
      if (exchange === undefined) return rdataError;
      return { type: 'MX', preference: uint16(message, start), exchange };
    }
    case 16: {
      // One or more <character-string>s: a length byte and that many bytes (RFC 1035 §3.3.14).
      const strings: Uint8Array[] = [];
      let position = start;
      while (position < end) {
        const size = message[position]!;
        if (position + 1 + size > end)
          return `dns: TXT string at ${position} needs ${size} bytes, ${end - position - 1} present`;
        strings.push(message.subarray(position + 1, position + 1 + size));
        position += 1 + size;
      }
      return { type: 'TXT', strings };
    }
    case 6: {
      const mname = rdataName(message, start, end);
      if (mname === undefined) return rdataError;
      const rname = rdataName(message, nameEnd, end);
      if (rname === undefined) return rdataError;
      const at = nameEnd;
      if (at + 20 > end) return fixed('SOA', at + 20 - start, length);
      return {
        type: 'SOA',
        mname,
        rname,
        serial: uint32(message, at),
        refresh: uint32(message, at + 4),
        retry: uint32(message, at + 8),
        expire: uint32(message, at + 12),
        minimum: uint32(message, at + 16),
      };
    }
    case 33: {
      if (length < 7) return fixed('SRV', 7, length);
      const target = rdataName(message, start + 6, end);
      if (target === undefined) return rdataError;
      return {
        type: 'SRV',
        priority: uint16(message, start),
        weight: uint16(message, start + 2),
        port: uint16(message, start + 4),
        target,
      };
    }
    case 257: {
      if (length < 2) return fixed('CAA', 2, length);
      const tagLength = message[start + 1]!;
      if (2 + tagLength > length) return fixed('CAA', 2 + tagLength, length);
      let tag = '';
      for (let index = start + 2; index < start + 2 + tagLength; index++)
        tag += String.fromCharCode(message[index]!);
      return {
        type: 'CAA',
        flags: message[start]!,
        tag,
        value: message.subarray(start + 2 + tagLength, end),
      };
    }
    case 64:
    case 65: {
      if (length < 3) return fixed(type === 64 ? 'SVCB' : 'HTTPS', 3, length);
      const target = rdataName(message, start + 2, end);
      if (target === undefined) return rdataError;
      const params = readServiceParameters(message, nameEnd, end);
      if (typeof params === 'string') return params;
      return { type: type === 64 ? 'SVCB' : 'HTTPS', priority: uint16(message, start), target, params };
    }
    case 43:
      if (length < 4) return fixed('DS', 4, length);
      return {
        type: 'DS',
        keyTag: uint16(message, start),
        algorithm: message[start + 2]!,
        digestType: message[start + 3]!,
        digest: message.subarray(start + 4, end),
      };
    case 48:
      if (length < 4) return fixed('DNSKEY', 4, length);
      return {
        type: 'DNSKEY',
        flags: uint16(message, start),
        protocol: message[start + 2]!,
        algorithm: message[start + 3]!,
        publicKey: message.subarray(start + 4, end),
      };
    case 46: {
      if (length < 19) return fixed('RRSIG', 19, length);
      const signerName = rdataName(message, start + 18, end);
      if (signerName === undefined) return rdataError;
      return {
        type: 'RRSIG',
        typeCovered: uint16(message, start),
        algorithm: message[start + 2]!,
        labels: message[start + 3]!,
        originalTtl: uint32(message, start + 4),
        expiration: uint32(message, start + 8),
        inception: uint32(message, start + 12),
        keyTag: uint16(message, start + 16),
        signerName,
        signature: message.subarray(nameEnd, end),
      };
    }
    case 47: {
      const nextName = rdataName(message, start, end);
      if (nextName === undefined) return rdataError;
      const types = readTypeBitmap(message, nameEnd, end);
      if (typeof types === 'string') return types;
      return { type: 'NSEC', nextName, types };
    }
    case 50: {
      if (length < 5) return fixed('NSEC3', 5, length);
      const saltLength = message[start + 4]!;
      const hashAt = start + 5 + saltLength;
      if (hashAt + 1 > end) return fixed('NSEC3', 6 + saltLength, length);
      const hashLength = message[hashAt]!;
      const bitmapAt = hashAt + 1 + hashLength;
      if (bitmapAt > end) return fixed('NSEC3', bitmapAt - start, length);
      const types = readTypeBitmap(message, bitmapAt, end);
      if (typeof types === 'string') return types;
      return {
        type: 'NSEC3',
        hashAlgorithm: message[start]!,
        flags: message[start + 1]!,
        iterations: uint16(message, start + 2),
        salt: message.subarray(start + 5, hashAt),
        nextHashed: message.subarray(hashAt + 1, bitmapAt),
        types,
      };
    }
    case 41: {
      // EDNS options (RFC 6891 §6.1.2): code (2), length (2), data.
      const options: { code: number; data: Uint8Array }[] = [];
      let position = start;
      while (position < end) {
        if (position + 4 > end) return `dns: EDNS option at ${position} runs past the record`;
        const code = uint16(message, position);
        const size = uint16(message, position + 2);
        if (position + 4 + size > end)
          return `dns: EDNS option ${code} needs ${size} bytes, ${end - position - 4} present`;
        options.push({ code, data: message.subarray(position + 4, position + 4 + size) });
        position += 4 + size;
      }
      return { type: 'OPT', options };
    }
    default:
      return undefined;
  }
}
