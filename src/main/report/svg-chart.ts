/**
 * A small static line chart as SVG, for reports the CLI writes (learning curves): lines with an
 * optional ± band per series, axes with round ticks, a legend. Written here rather than pulled in
 * because the app's chart library (recharts) needs a DOM, and a few dozen lines draw what is needed.
 */

export interface ChartSeries {
  name: string
  points: { x: number; y: number; band?: number }[]
  /** A reference line (a target, a baseline's final value): drawn dashed, without markers. */
  dashed?: boolean
}

export interface ChartOptions {
  title: string
  xLabel: string
  yLabel: string
  width?: number
  height?: number
}

const COLORS = ['#4263eb', '#e8590c', '#2f9e44', '#c2255c', '#7048e8', '#0c8599', '#f08c00']

function niceTicks(min: number, max: number, count = 5): number[] {
  if (max <= min) max = min + 1
  const raw = (max - min) / count
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!
  // The outer ticks enclose the data, so nothing is drawn past the axes.
  const ticks: number[] = []
  const last = Math.ceil(max / step - 1e-9) * step
  for (let t = Math.floor(min / step + 1e-9) * step; t <= last + step * 1e-9; t += step)
    ticks.push(Number(t.toPrecision(12)))
  return ticks
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export function lineChartSvg(series: readonly ChartSeries[], o: ChartOptions): string {
  const W = o.width ?? 760
  const H = o.height ?? 460
  const m = { left: 64, right: 170, top: 44, bottom: 56 }
  const all = series.flatMap((s) => s.points)
  const xs = all.map((p) => p.x)
  const ys = all.flatMap((p) => [p.y - (p.band ?? 0), p.y + (p.band ?? 0)])
  const xTicks = niceTicks(Math.min(...xs, 0), Math.max(...xs, 1))
  const yTicks = niceTicks(Math.max(0, Math.min(...ys) - 0.02), Math.min(1, Math.max(...ys) + 0.02))
  const [x0, x1] = [xTicks[0]!, xTicks[xTicks.length - 1]!]
  const [y0, y1] = [yTicks[0]!, yTicks[yTicks.length - 1]!]
  const px = (x: number) => m.left + ((x - x0) / (x1 - x0 || 1)) * (W - m.left - m.right)
  const py = (y: number) => H - m.bottom - ((y - y0) / (y1 - y0 || 1)) * (H - m.top - m.bottom)
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${esc(o.title)}</text>`,
  ]
  for (const t of yTicks) {
    out.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${py(t)}" y2="${py(t)}" stroke="#e9ecef"/>`)
    out.push(`<text x="${m.left - 8}" y="${py(t) + 4}" text-anchor="end">${t}</text>`)
  }
  for (const t of xTicks)
    out.push(`<text x="${px(t)}" y="${H - m.bottom + 18}" text-anchor="middle">${t}</text>`)
  out.push(
    `<line x1="${m.left}" x2="${W - m.right}" y1="${H - m.bottom}" y2="${H - m.bottom}" stroke="#495057"/>`,
    `<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${H - m.bottom}" stroke="#495057"/>`,
    `<text x="${(m.left + W - m.right) / 2}" y="${H - 14}" text-anchor="middle">${esc(o.xLabel)}</text>`,
    `<text transform="translate(18 ${(m.top + H - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`,
  )
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!
    const pts = [...s.points].sort((a, b) => a.x - b.x)
    if (pts.some((p) => p.band)) {
      const upper = pts.map((p) => `${px(p.x)},${py(p.y + (p.band ?? 0))}`)
      const lower = pts.map((p) => `${px(p.x)},${py(p.y - (p.band ?? 0))}`).reverse()
      out.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${color}" fill-opacity="0.15"/>`)
    }
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : ''
    out.push(
      `<polyline points="${pts.map((p) => `${px(p.x)},${py(p.y)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`,
    )
    if (!s.dashed)
      for (const p of pts) out.push(`<circle cx="${px(p.x)}" cy="${py(p.y)}" r="3" fill="${color}"/>`)
    const ly = m.top + 10 + i * 20
    out.push(
      `<line x1="${W - m.right + 16}" x2="${W - m.right + 40}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`,
    )
    out.push(`<text x="${W - m.right + 46}" y="${ly + 4}">${esc(s.name)}</text>`)
  })
  out.push('</svg>')
  return out.join('\n') + '\n'
}
