/** tcpdump's bittok2str: the names of the set bits, comma-separated, or "none". */
export function flagNames(value: number, names: [number, string][]): string {
  const set = names.filter(([bit]) => (value & bit) >>> 0 === bit >>> 0 && bit !== 0).map(([, name]) => name);
  return set.length ? set.join(', ') : 'none';
}

/** RFC 4191 router preference, from the two bits at 0x18. */
export function routerPreference(value: number): string {
  return ['medium', 'high', 'rsv', 'low'][(value & 0x18) >>> 3]!;
}
