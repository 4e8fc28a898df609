/**
 * Why browser mode's WebSocket closed, or never opened, in words the analyst can act on. The
 * browser tells a page nothing about a refused upgrade (no status, close code 1006), so the
 * page asks the server over plain HTTP (GET api/status, electron/node/serve/server.ts): no
 * answer means `netmortem serve` stopped; 401 or 403 means this page's token is no good any
 * more; every WebSocket slot taken means too many tabs are open.
 */
import type { ServerStatus } from '../../../electron/common/ipc/wire';

/** How long the question may take: a stopped server refuses at once, a hung one should not hold the page. */
const statusTimeoutMilliseconds = 3000;

export async function closeReason(location: Location, wasOpen: boolean): Promise<string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), statusTimeoutMilliseconds);
  try {
    const response = await fetch(new URL('api/status', location.href), {
      cache: 'no-store',
      signal: controller.signal,
    });
    if (response.status === 401 || response.status === 403)
      return 'netmortem serve is running but refused this page: its access token is no longer valid. Open the URL that `netmortem serve` printed.';
    if (!response.ok)
      return `the connection to netmortem was lost, and netmortem serve answered ${response.status}: reload the page.`;
    const { webSockets } = (await response.json()) as ServerStatus;
    if (!wasOpen && webSockets.open >= webSockets.limit)
      return `netmortem serve is running but holds at most ${webSockets.limit} windows at once, and all of them are open: close another netmortem tab, then reload this one.`;
    return 'the connection to netmortem was lost, though netmortem serve is still running: reload the page.';
  } catch {
    return 'the connection to netmortem was lost: netmortem serve is not running any more. Start it again and open the URL it prints.';
  } finally {
    clearTimeout(timer);
  }
}
