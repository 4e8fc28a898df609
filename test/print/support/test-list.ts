/**
 * tcpdump's TESTLIST lines: "name input-pcap expected-output options...", whitespace
 * separated, options possibly quoted ("-E \"0x1234@...\"", 'file ...').
 */
export interface TestListEntry {
  name: string;
  pcap: string;
  expected: string;
  options: string[];
}

export function parseTestList(text: string): TestListEntry[] {
  const entries: TestListEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [name, pcap, expected, ...options] = shellWords(line);
    if (name && pcap && expected) entries.push({ name, pcap, expected, options });
  }
  return entries;
}

/** Splits on whitespace, keeping single- and double-quoted runs together (quotes removed). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote = '';
  let inWord = false;
  for (const character of line) {
    if (quote) {
      if (character === quote) quote = '';
      else current += character;
    } else if (character === '"' || character === "'") {
      quote = character;
      inWord = true;
    } else if (/\s/.test(character)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += character;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}
