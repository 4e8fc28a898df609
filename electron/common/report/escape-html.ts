/**
 * HTML escaping for text and attribute values. Every string that reaches the HTML report
 * passes through here: DNS names and TXT data are written by attackers
 * (e.g. `<img src=x onerror=alert(1)>.example` is a valid DNS name on the wire).
 */
import { printable } from './printable';

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes for element content and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return printable(text).replace(/[&<>"']/g, (character) => entities[character]!);
}
