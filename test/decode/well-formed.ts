/**
 * Test helper: the invariants every decoded packet keeps, whatever its bytes. Used by the
 * corpus sweep and the property tests. Returns the list of problems (empty when well-formed).
 */
import type { Layer } from '../../electron/common/model/layers';
import type { DecodedPacket } from '../../electron/common/model/packet';

const kinds = new Set([
  'ethernet',
  'vlan',
  'linux-sll',
  'linux-sll2',
  'loopback',
  'ipv4',
  'ipv6',
  'udp',
  'tcp',
  'icmp',
  'icmpv6',
  'dns',
  'payload',
]);
/** More than the dissector's own bound (24 layers and a payload layer). */
export const maximumLayers = 25;

/** Every Uint8Array reachable from a layer must be a view into `data` (or empty): views, never copies. */
function checkViews(value: unknown, data: Uint8Array, path: string, problems: string[], depth = 0): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (value instanceof Uint8Array) {
    if (value.length === 0) return;
    const inside =
      value.buffer === data.buffer &&
      value.byteOffset >= data.byteOffset &&
      value.byteOffset + value.length <= data.byteOffset + data.length;
    if (!inside) problems.push(`${path} is not a view into the frame`);
    return;
  }
  for (const [key, child] of Object.entries(value))
    checkViews(child, data, `${path}.${key}`, problems, depth + 1);
}

function checkNumbers(layer: Layer, path: string, problems: string[]): void {
  for (const [key, value] of Object.entries(layer)) {
    if (typeof value === 'number' && (!Number.isInteger(value) || value < 0))
      problems.push(`${path}.${key} = ${value}`);
  }
  if (
    (layer.kind === 'udp' || layer.kind === 'tcp') &&
    (layer.sourcePort > 0xffff || layer.destinationPort > 0xffff)
  )
    problems.push(`${path}: port out of range`);
}

/** Names are presentation text: printable ASCII only (RFC 1035 §5.1 escapes take care of the rest). */
function checkName(name: string, path: string, problems: string[]): void {
  if (!/^[\x21-\x7e]*$/.test(name))
    problems.push(`${path}: name ${JSON.stringify(name)} has unprintable characters`);
}

export function checkLayers(
  layers: readonly Layer[],
  data: Uint8Array,
  path: string,
  problems: string[],
): void {
  if (layers.length > maximumLayers) problems.push(`${path}: ${layers.length} layers`);
  layers.forEach((layer, index) => {
    const at = `${path}[${index}]`;
    if (!kinds.has(layer.kind)) problems.push(`${at}: unknown kind ${String(layer.kind)}`);
    if (
      layer.truncated !== undefined &&
      (typeof layer.truncated !== 'string' || layer.truncated.length === 0)
    )
      problems.push(`${at}: bad truncated`);
    if (layer.kind === 'payload' && index !== layers.length - 1)
      problems.push(`${at}: payload layer before the end`);
    checkNumbers(layer, at, problems);
    checkViews(layer, data, at, problems);
    if (layer.kind === 'dns') {
      for (const question of layer.questions) checkName(question.name, `${at}.question`, problems);
      for (const record of [...layer.answers, ...layer.authorities, ...layer.additionals]) {
        checkName(record.name, `${at}.record`, problems);
        if (!Number.isInteger(record.ttl) || record.ttl < 0 || record.ttl > 0xffffffff)
          problems.push(`${at}.record: ttl ${record.ttl}`);
      }
    }
  });
}

export function checkPacket(packet: DecodedPacket): string[] {
  const problems: string[] = [];
  const data = packet.frame.data;
  if (packet.layers.length === 0) problems.push('no layers');
  checkLayers(packet.layers, data, 'layers', problems);
  const first = packet.layers.find((layer) => layer.truncated !== undefined)?.truncated;
  if (packet.truncated !== first)
    problems.push(`packet.truncated ${String(packet.truncated)} is not the first layer's ${String(first)}`);
  if (packet.quoted !== undefined) {
    const last = packet.layers[packet.layers.length - 1];
    if (!last || (last.kind !== 'icmp' && last.kind !== 'icmpv6') || !last.quoted)
      problems.push('quoted layers without an ICMP error');
    checkLayers(packet.quoted, data, 'quoted', problems);
    const firstQuoted = packet.quoted[0]?.kind;
    if (last?.kind === 'icmp' && firstQuoted !== 'ipv4') problems.push(`ICMP quotes ${String(firstQuoted)}`);
    if (last?.kind === 'icmpv6' && firstQuoted !== 'ipv6')
      problems.push(`ICMPv6 quotes ${String(firstQuoted)}`);
  }
  return problems;
}
