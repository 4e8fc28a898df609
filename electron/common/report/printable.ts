/**
 * Makes text from a capture safe to show: DNS names, TXT data and tcpdump lines are chosen
 * by whoever sent the packet. Control characters would break lines, tables and terminals
 * (ANSI escapes), and bidirectional overrides (Unicode TR #9, "Trojan Source") would make a
 * report read differently from what it says. Each is shown as a visible \u{...} escape instead.
 */

// C0 controls except tab, DEL, C1 controls, bidi embeddings/overrides/isolates, line and
// paragraph separators, zero-width and BOM characters that hide text. Matching control
// characters is the point here.
const invisible =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/gu;

export function printable(text: string): string {
  return text
    .replace(invisible, (character) => `\\u{${character.codePointAt(0)!.toString(16)}}`)
    .replace(/\t/g, ' ');
}
