/**
 * An independent oracle for scoring: the chunking rules of the conlleval Perl script (startOfChunk /
 * endOfChunk, IOB1/IOB2/IOBES tags), ported separately from the app's metrics so a test can check
 * that the two agree on the same `token gold pred` file.
 */

function split(tag: string): [string, string] {
  if (tag === 'O') return ['O', '']
  const m = /^([BIES])-(.+)$/.exec(tag)
  return m ? [m[1]!, m[2]!] : ['I', tag]
}

function endOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (prevTag === 'B' && tag === 'B') return true
  if (prevTag === 'B' && tag === 'S') return true
  if (prevTag === 'B' && tag === 'O') return true
  if (prevTag === 'I' && tag === 'B') return true
  if (prevTag === 'I' && tag === 'S') return true
  if (prevTag === 'I' && tag === 'O') return true
  if (prevTag === 'E' || prevTag === 'S') return true
  if (prevTag !== 'O' && prevTag !== '.' && prevType !== type) return true
  return false
}

function startOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (prevTag === 'B' && tag === 'B') return true
  if (prevTag === 'I' && tag === 'B') return true
  if (prevTag === 'O' && tag === 'B') return true
  if (prevTag === 'O' && tag === 'I') return true
  if (prevTag === 'E' && tag === 'E') return true
  if (prevTag === 'E' && tag === 'I') return true
  if (prevTag === 'O' && tag === 'E') return true
  if (prevTag === 'S' && tag !== 'O') return true
  if (tag === 'S' || tag === 'B') return true
  if (tag !== 'O' && tag !== '.' && prevType !== type) return true
  return false
}

function chunkSet(tags: string[]): Set<string> {
  const out = new Set<string>()
  let prevTag = 'O'
  let prevType = ''
  let start = -1
  tags.forEach((t, i) => {
    const [tag, type] = split(t)
    if (start >= 0 && endOfChunk(prevTag, tag, prevType, type)) {
      out.add(`${start}:${i}:${prevType}`)
      start = -1
    }
    if (startOfChunk(prevTag, tag, prevType, type)) start = i
    prevTag = tag
    prevType = type
  })
  if (start >= 0) out.add(`${start}:${tags.length}:${prevType}`)
  return out
}

/** Micro precision, recall and F1 (fractions) of a `token gold pred` file, as conlleval computes them. */
export function conlleval(file: string): { precision: number; recall: number; f1: number; correct: number } {
  let correct = 0
  let goldCount = 0
  let predCount = 0
  for (const block of file.split(/\n\s*\n/)) {
    const rows = block
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => l.trim().split(/\s+/))
    if (rows.length === 0) continue
    // Sentence boundaries reset chunks, so score each sentence's tag sequences as a unit.
    const gold = chunkSet(rows.map((r) => r[r.length - 2]!))
    const pred = chunkSet(rows.map((r) => r[r.length - 1]!))
    goldCount += gold.size
    predCount += pred.size
    for (const c of pred) if (gold.has(c)) correct++
  }
  const precision = predCount ? correct / predCount : 0
  const recall = goldCount ? correct / goldCount : 0
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0
  return { precision, recall, f1, correct }
}
