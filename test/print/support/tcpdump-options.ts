import type { PrintOptions, TimestampFormat } from '../../../electron/common/print/print-options';

/**
 * A TESTLIST entry's tcpdump options as PrintOptions, or why the printer cannot honour them
 * (decryption, hex dumps, forced decoders, filters and other options it does not offer).
 */
export type OptionMapping = { options: PrintOptions } | { unsupported: string };

const timestamps: Record<string, TimestampFormat> = {
  '-t': 'none',
  '-tt': 'epoch',
  '-ttt': 'delta',
  '-tttt': 'date',
  '-ttttt': 'since-first',
};

/** `addDateStamp`: master's TESTrun adds -tttt unless the options say SPECIAL_t. */
export function mapTcpdumpOptions(tokens: readonly string[], addDateStamp: boolean): OptionMapping {
  const options: PrintOptions = { frameNumbers: true, verbosity: 0 };
  if (addDateStamp && !tokens.includes('SPECIAL_t')) options.timestamp = 'date';
  for (const token of tokens) {
    if (token === 'SPECIAL_t' || token === '-n') continue;
    if (token in timestamps) options.timestamp = timestamps[token]!;
    else if (token === '--nano') options.nanoseconds = true;
    else if (/^-[veq]+$/.test(token)) {
      for (const letter of token.slice(1)) {
        if (letter === 'v') options.verbosity = (options.verbosity ?? 0) + 1;
        else if (letter === 'e') options.linkHeader = true;
        else options.quiet = true;
      }
    } else {
      return { unsupported: `option ${token}` };
    }
  }
  return { options };
}
