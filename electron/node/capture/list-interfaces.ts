/**
 * The interfaces libpcap can capture on, as the helper's --list reports them
 * (pcap_findalldevs plus the link type, which needs capture rights to learn).
 */
import * as z from 'zod';
import { CaptureError } from './capture-error';
import { runFailure, runHelper, type HelperRunOptions } from './run-helper';

const linkTypeSchema = z.looseObject({
  name: z.string(),
  number: z.number().int(),
  description: z.string().nullable().optional(),
});

const interfaceSchema = z.looseObject({
  name: z.string(),
  description: z.string().nullable(),
  addresses: z.array(
    z.looseObject({
      family: z.string(),
      address: z.string().nullable(),
      netmask: z.string().nullable().optional(),
      broadcast: z.string().nullable().optional(),
    }),
  ),
  flags: z.looseObject({
    up: z.boolean(),
    running: z.boolean(),
    loopback: z.boolean(),
    wireless: z.boolean().optional(),
    connection: z.string().optional(),
  }),
  linkType: linkTypeSchema.nullable(),
  linkTypes: z.array(linkTypeSchema).nullable().optional(),
  /** Why linkType is null: permission-denied, interface-down, pseudo-device, error. */
  linkTypeUnavailable: z.string().optional(),
});

export interface InterfaceAddress {
  /** inet, inet6 or link. */
  family: string;
  address: string;
  netmask: string | null;
}

export interface InterfaceInfo {
  name: string;
  description: string | null;
  addresses: InterfaceAddress[];
  up: boolean;
  running: boolean;
  loopback: boolean;
  wireless: boolean;
  /** libpcap's link type name (EN10MB, LINUX_SLL, ...), null when it could not be learned. */
  linkType: string | null;
  linkTypeNumber: number | null;
  /** Why the link type is unknown, when it is. */
  linkTypeUnavailable: string | null;
}

export async function listInterfaces(options: HelperRunOptions = {}): Promise<InterfaceInfo[]> {
  const result = await runHelper(['--list'], options);
  if (result.exitCode !== 0 || result.error) throw runFailure(result, 'listing the interfaces');
  let value: unknown;
  try {
    value = JSON.parse(result.stdout);
  } catch (error) {
    throw new CaptureError(
      'bad-stream',
      `the capture helper's interface list is not JSON: ${(error as Error).message}`,
    );
  }
  const parsed = z.array(interfaceSchema).safeParse(value);
  if (!parsed.success) {
    throw new CaptureError(
      'bad-stream',
      `the capture helper's interface list has an unexpected shape: ${parsed.error.message}`,
    );
  }
  return parsed.data.map((entry) => ({
    name: entry.name,
    description: entry.description,
    addresses: entry.addresses.flatMap((address) =>
      address.address === null
        ? []
        : [{ family: address.family, address: address.address, netmask: address.netmask ?? null }],
    ),
    up: entry.flags.up,
    running: entry.flags.running,
    loopback: entry.flags.loopback,
    wireless: entry.flags.wireless ?? false,
    linkType: entry.linkType?.name ?? null,
    linkTypeNumber: entry.linkType?.number ?? null,
    linkTypeUnavailable: entry.linkTypeUnavailable ?? null,
  }));
}
