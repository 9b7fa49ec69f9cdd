/**
 * Strict entity-level precision, recall and F1 (the CoNLL-2000 conlleval / seqeval default
 * convention): an entity counts only when type, start and end all match. Chunks are read from BIO
 * tags the conlleval way, so an I-X that does not continue an X chunk starts a new one.
 */

export interface Chunk {
  type: string
  /** First token index. */
  start: number
  /** One past the last token index. */
  end: number
}

function split(tag: string): [string, string] {
  if (tag === 'O' || tag === '') return ['O', '']
  const dash = tag.indexOf('-')
  return dash < 0 ? [tag, ''] : [tag.slice(0, dash), tag.slice(dash + 1)]
}

export function chunks(tags: readonly string[]): Chunk[] {
  const out: Chunk[] = []
  let cur: Chunk | null = null
  tags.forEach((tag, i) => {
    const [prefix, type] = split(tag)
    const continues = cur !== null && (prefix === 'I' || prefix === 'E') && type === cur.type
    if (cur && !continues) {
      out.push(cur)
      cur = null
    }
    if (prefix !== 'O' && !continues) cur = { type, start: i, end: i + 1 }
    else if (continues && cur) cur.end = i + 1
    // BIOES: S and E close their chunk immediately.
    if (cur && (prefix === 'S' || prefix === 'E')) {
      out.push(cur)
      cur = null
    }
  })
  if (cur) out.push(cur)
  return out
}

export interface Prf {
  precision: number
  recall: number
  f1: number
  /** Gold entities of this type. */
  support: number
  tp: number
  fp: number
  fn: number
}

export interface EntityMetrics {
  micro: Prf
  perType: Record<string, Prf>
}

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { precision, recall, f1, support: tp + fn, tp, fp, fn }
}

export function entityMetrics(
  gold: readonly (readonly string[])[],
  pred: readonly (readonly string[])[],
): EntityMetrics {
  if (gold.length !== pred.length)
    throw new Error(`${gold.length} gold sentences but ${pred.length} predicted.`)
  const counts = new Map<string, { tp: number; fp: number; fn: number }>()
  const c = (t: string) => {
    let x = counts.get(t)
    if (!x) counts.set(t, (x = { tp: 0, fp: 0, fn: 0 }))
    return x
  }
  gold.forEach((g, s) => {
    const p = pred[s]!
    if (g.length !== p.length)
      throw new Error(`Sentence ${s}: ${g.length} gold tags but ${p.length} predicted.`)
    const key = (k: Chunk) => `${k.type}\u0000${k.start}\u0000${k.end}`
    const goldSet = new Set(chunks(g).map(key))
    const predChunks = chunks(p)
    const predSet = new Set(predChunks.map(key))
    for (const k of chunks(g)) if (!predSet.has(key(k))) c(k.type).fn++
    for (const k of predChunks) {
      if (goldSet.has(key(k))) c(k.type).tp++
      else c(k.type).fp++
    }
  })
  const perType: Record<string, Prf> = {}
  let tp = 0
  let fp = 0
  let fn = 0
  for (const [t, x] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    perType[t] = prf(x.tp, x.fp, x.fn)
    tp += x.tp
    fp += x.fp
    fn += x.fn
  }
  return { micro: prf(tp, fp, fn), perType }
}
