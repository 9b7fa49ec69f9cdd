/** Printing for people or for scripts (--json), and progress that suits a terminal or a log. */

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

export function table(rows: (string | number)[][], header?: string[]): string {
  const all = header ? [header, ...rows] : rows
  const widths = all[0]?.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? '').length))) ?? []
  const fmt = (r: (string | number)[]) =>
    r
      .map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i]!) : String(c).padEnd(widths[i]!)))
      .join('  ')
  const lines = all.map(fmt)
  if (header) lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '))
  return lines.join('\n')
}

/** A progress bar on a TTY, plain lines (at most one per 5%) otherwise. */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now()
  let lastPct = -1
  return (done: number, total: number) => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100
    const elapsed = (Date.now() - started) / 1000
    const eta = done > 0 && total > done ? ((elapsed / done) * (total - done)).toFixed(0) + 's left' : ''
    if (stream.isTTY) {
      const width = 30
      const filled = Math.round((pct / 100) * width)
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${eta}   `)
      if (done >= total) stream.write('\n')
    } else if (pct >= lastPct + 5 || done >= total) {
      lastPct = pct
      stream.write(`${label}: ${done}/${total} (${pct}%) ${eta}\n`)
    }
  }
}
