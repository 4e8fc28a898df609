/**
 * How `formatPacketLine` prints, named after the tcpdump flags they mirror. The defaults give
 * `tcpdump -n` output: the printer never resolves names.
 */

/**
 * tcpdump's time stamp choices: `time` is the default HH:MM:SS.ffffff, `none` is -t, `epoch`
 * is -tt, `delta` is -ttt (since the previous packet), `date` is -tttt, `since-first` is
 * -ttttt (since the first packet). All are printed in UTC, as `TZ=UTC tcpdump` does.
 */
export type TimestampFormat = 'time' | 'none' | 'epoch' | 'delta' | 'date' | 'since-first';

export interface PrintOptions {
  timestamp?: TimestampFormat;
  /** --nano / -nano: nine fraction digits instead of six. */
  nanoseconds?: boolean;
  /** -v, -vv, -vvv: 0 to 3. */
  verbosity?: number;
  /** -q: less protocol detail (tcpdump's "quick" output). */
  quiet?: boolean;
  /** -e: the link-level header. */
  linkHeader?: boolean;
  /** -#: the frame number in front of each line, as `%5u  `. */
  frameNumbers?: boolean;
  /**
   * Interface names by index, for Linux cooked v2 captures: tcpdump names each packet's
   * interface as the machine reading the capture names that index (if_indextoname), "?" when
   * it has none. The CLI passes the local machine's; by default every name is "?".
   */
  interfaceNames?: ReadonlyMap<number, string>;
}

/** The options with every default filled in, as the printer reads them. */
export interface ResolvedPrintOptions {
  timestamp: TimestampFormat;
  nanoseconds: boolean;
  verbosity: number;
  quiet: boolean;
  linkHeader: boolean;
  frameNumbers: boolean;
  interfaceNames: ReadonlyMap<number, string>;
}

export function resolvePrintOptions(options: PrintOptions): ResolvedPrintOptions {
  return {
    timestamp: options.timestamp ?? 'time',
    nanoseconds: options.nanoseconds ?? false,
    verbosity: Math.max(0, Math.min(3, Math.trunc(options.verbosity ?? 0))),
    quiet: options.quiet ?? false,
    linkHeader: options.linkHeader ?? false,
    frameNumbers: options.frameNumbers ?? false,
    interfaceNames: options.interfaceNames ?? new Map(),
  };
}
