/**
 * How unsure a model is about a sentence, from its per-word label probabilities and the decoded
 * path. Every score is "higher = ask the user sooner". Word probabilities are treated as
 * independent (the tagger has no CRF), so a path's probability is the product of its words'.
 *
 * - least confidence: −log P(path)                       (Culotta & McCallum 2005: 1 − P(path); the
 *                     same order, but 1 − P rounds to exactly 1 for every long or unsure sentence,
 *                     which would leave the queue in import order among them)
 * - margin:           1 − min over words (p₁ − p₂)       (smallest gap between the two best labels)
 * - entropy:          Σ over words of H(p_word)          (token entropy, Settles & Craven 2008)
 * - mnlp:             −(1/n) Σ log p(path word)          (length-normalised, Shen et al. 2017)
 */

export type Strategy = 'random' | 'least-confidence' | 'margin' | 'entropy' | 'mnlp'
export const STRATEGIES: readonly Strategy[] = ['random', 'least-confidence', 'margin', 'entropy', 'mnlp']

export interface Uncertainty {
  leastConfidence: number
  margin: number
  entropy: number
  mnlp: number
}

/**
 * probs: words × labels, row-major; path: the decoded label index of each word. Scores of several
 * sentences of one document combine as the document's most uncertain sentence for least confidence
 * and margin, the sum for entropy, and the word-weighted mean for MNLP (see combine).
 */
export function sentenceUncertainty(
  probs: ArrayLike<number>,
  labels: number,
  path: readonly number[],
): Uncertainty {
  const n = path.length
  if (n === 0) return { leastConfidence: 0, margin: 0, entropy: 0, mnlp: 0 }
  let logPath = 0
  let minGap = 1
  let entropy = 0
  for (let w = 0; w < n; w++) {
    let best = 0
    let second = 0
    let h = 0
    for (let l = 0; l < labels; l++) {
      const p = probs[w * labels + l]!
      if (p > best) {
        second = best
        best = p
      } else if (p > second) second = p
      if (p > 0) h -= p * Math.log(p)
    }
    minGap = Math.min(minGap, best - second)
    entropy += h
    logPath += Math.log(Math.max(probs[w * labels + path[w]!]!, 1e-12))
  }
  return { leastConfidence: -logPath, margin: 1 - minGap, entropy, mnlp: -logPath / n }
}

export function combine(parts: readonly { u: Uncertainty; words: number }[]): Uncertainty {
  if (parts.length === 0) return { leastConfidence: 0, margin: 0, entropy: 0, mnlp: 0 }
  const words = parts.reduce((s, p) => s + p.words, 0)
  return {
    leastConfidence: Math.max(...parts.map((p) => p.u.leastConfidence)),
    margin: Math.max(...parts.map((p) => p.u.margin)),
    entropy: parts.reduce((s, p) => s + p.u.entropy, 0),
    mnlp: words === 0 ? 0 : parts.reduce((s, p) => s + p.u.mnlp * p.words, 0) / words,
  }
}

/** A stable pseudo-random score per document and seed (the random baseline, reproducible). */
export function randomScore(documentId: number, seed: number): number {
  let h = (documentId * 2654435761) ^ (seed * 40503)
  h = Math.imul(h ^ (h >>> 16), 2246822507)
  h = Math.imul(h ^ (h >>> 13), 3266489909)
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296
}
