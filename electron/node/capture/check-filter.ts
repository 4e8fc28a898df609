/**
 * Compiles a BPF filter with the helper's libpcap, so the user sees libpcap's own message
 * ("syntax error", "unknown host 'x'") before a capture starts. With an interface the
 * filter is compiled for that interface's link type; without one, for Ethernet.
 */
import { runFailure, runHelper, type HelperRunOptions } from './run-helper';

export type FilterCheck = { ok: true } | { ok: false; message: string };

export async function checkFilter(
  filter: string,
  interfaceName?: string,
  options: HelperRunOptions = {},
): Promise<FilterCheck> {
  const args = ['--check-filter', '-f', filter];
  if (interfaceName) args.push('-i', interfaceName);
  const result = await runHelper(args, options);
  if (result.error?.code === 'bad-filter')
    return { ok: false, message: result.error.detail ?? result.error.message };
  if (result.exitCode === 0 && !result.error) return { ok: true };
  throw runFailure(result, `checking the filter ${JSON.stringify(filter)}`);
}
