/** One benchmark's result: rows of measurements, with a ratio column against a named baseline. */
export interface BenchRow {
  name: string;
  /** Throughput or cost; higher is better unless `lowerIsBetter`. */
  value: number;
  unit: string;
  /** Free-text note, e.g. the peer's version or a target. */
  note?: string;
}

export interface BenchTable {
  title: string;
  rows: BenchRow[];
  /** Row name the ratio column divides by. */
  baseline?: string;
  lowerIsBetter?: boolean;
}

export function formatTable(table: BenchTable): string {
  const base = table.rows.find((r) => r.name === table.baseline)?.value;
  const lines = table.rows.map((r) => {
    let ratio = '';
    if (base !== undefined && base > 0 && r.value > 0) {
      const x = table.lowerIsBetter ? base / r.value : r.value / base;
      ratio = `${x.toFixed(2)}x`;
    }
    return [r.name, formatNumber(r.value), r.unit, ratio, r.note ?? ''];
  });
  const header = ['case', 'value', 'unit', table.baseline ? `vs ${table.baseline}` : '', 'note'];
  const all = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...all.map((l) => (l[i] ?? '').length)));
  const fmt = (l: string[]): string => `| ${l.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [`## ${table.title}`, fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}

function formatNumber(v: number): string {
  if (v >= 1000) return Math.round(v).toLocaleString('en-US');
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(3);
}
