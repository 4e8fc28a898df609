/** tcpdump's unsigned_relts_print: a duration in seconds as "1w2d3h4m5s" ("0s" for none). */
const units: [number, string][] = [
  [31_536_000, 'y'],
  [604_800, 'w'],
  [86_400, 'd'],
  [3600, 'h'],
  [60, 'm'],
  [1, 's'],
];

export function relativeTimeText(totalSeconds: number): string {
  if (totalSeconds === 0) return '0s';
  let remaining = totalSeconds;
  let text = '';
  for (const [size, unit] of units) {
    if (remaining >= size) {
      const count = Math.floor(remaining / size);
      text += `${count}${unit}`;
      remaining -= count * size;
    }
  }
  return text;
}
