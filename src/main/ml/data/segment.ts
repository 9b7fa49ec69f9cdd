/**
 * Cuts a long word sequence into pieces the model can read, preferring to cut after a sentence end,
 * so a long text is tagged piece by piece rather than truncated.
 */

const SENTENCE_END = /^[.!?。！？]$/u

/** Cuts [0, n) into segments of at most maxWords words, preferring cuts after sentence ends. */
export function segmentWords(words: readonly string[], maxWords: number): [number, number][] {
  const out: [number, number][] = []
  let start = 0
  while (start < words.length) {
    let end = Math.min(words.length, start + maxWords)
    if (end < words.length) {
      for (let i = end - 1; i > start + maxWords / 2; i--) {
        if (SENTENCE_END.test(words[i]!)) {
          end = i + 1
          break
        }
      }
    }
    out.push([start, end])
    start = end
  }
  return out
}
