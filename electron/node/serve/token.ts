/** The browser-mode secret: a random token, compared in constant time, carried by URL, cookie or subprotocol. */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const tokenCookieName = 'netmortem_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const expectedBytes = Buffer.from(expected);
  const givenBytes = Buffer.from(given);
  return expectedBytes.length === givenBytes.length && timingSafeEqual(expectedBytes, givenBytes);
}

/** One cookie's value from a Cookie header (RFC 6265 §5.4), or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals < 0) continue;
    if (part.slice(0, equals).trim() === name) return part.slice(equals + 1).trim();
  }
  return undefined;
}

/** HttpOnly so page scripts never see it; SameSite=Strict so no other site's page can send it. */
export function tokenCookie(token: string): string {
  return `${tokenCookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
