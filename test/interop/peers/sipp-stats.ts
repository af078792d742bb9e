/** SIPp's final statistics: the last row of its `-trace_stat` CSV file, cumulative columns. */
export interface SippStats {
  created: number;
  successful: number;
  failed: number;
  /** Calls per second over the whole run. */
  callRate: number;
  retransmissions: number;
  /** The other cumulative counters by name, e.g. `FailedUnexpectedMessage`. */
  counters: Record<string, number>;
}

/** Reads the CSV SIPp writes with `-trace_stat -stf FILE` (semicolon separated, header first). */
export function parseSippStats(csv: string): SippStats | undefined {
  const lines = csv.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]?.split(';');
  const last = lines.length > 1 ? lines.at(-1)?.split(';') : undefined;
  if (!header || !last) return undefined;
  const counters: Record<string, number> = {};
  header.forEach((name, i) => {
    const m = /^(.+)\(C\)$/.exec(name);
    const value = Number(last[i]);
    if (m?.[1] && Number.isFinite(value)) counters[m[1]] = value;
    else if (name === 'TotalCallCreated' && Number.isFinite(value)) counters[name] = value;
  });
  return {
    created: counters.TotalCallCreated ?? 0,
    successful: counters.SuccessfulCall ?? 0,
    failed: counters.FailedCall ?? 0,
    callRate: counters.CallRate ?? 0,
    retransmissions: counters.Retransmissions ?? 0,
    counters,
  };
}
