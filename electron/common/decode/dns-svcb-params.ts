/**
 * SVCB and HTTPS service parameters (RFC 9460 §2.2): a list of key (2), length (2), value.
 * Values stay raw views; their meaning (alpn, port, ipv4hint, ...) is for whoever prints them.
 */

export type ServiceParameter = { key: number; value: Uint8Array };

/** The parameters in message[start..end), or an error text. */
export function readServiceParameters(
  message: Uint8Array,
  start: number,
  end: number,
): ServiceParameter[] | string {
  const params: ServiceParameter[] = [];
  let position = start;
  while (position < end) {
    if (position + 4 > end) return `dns: service parameter at ${position} runs past the record`;
    const key = (message[position]! << 8) | message[position + 1]!;
    const length = (message[position + 2]! << 8) | message[position + 3]!;
    if (position + 4 + length > end)
      return `dns: service parameter ${key} needs ${length} bytes, ${end - position - 4} present`;
    params.push({ key, value: message.subarray(position + 4, position + 4 + length) });
    position += 4 + length;
  }
  return params;
}
