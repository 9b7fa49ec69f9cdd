import { describe, expect, it } from 'vitest'
import type { Range } from '../../src/renderer/src/editor/model'
import {
  assignSpans,
  blockOfOffset,
  blockOfToken,
  blockSegments,
  buildBlocks,
  buildLayout,
  docText,
  offsetToPosition,
  positionToOffset,
  progress,
  nextTodo,
  spanLevels,
  stepIndex,
} from '../../src/renderer/src/editor/model'

/** Blocks plus the newlines between paragraphs must rebuild the text exactly. */
function rebuild(text: string, blocks: readonly Range[]): string {
  let out = ''
  let prevEnd = 0
  for (const b of blocks) {
    out += text.slice(prevEnd, b.start) + text.slice(b.start, b.end)
    prevEnd = b.end
  }
  return out + text.slice(prevEnd)
}

/** A deterministic document: words, CJK, emoji, RTL and blank lines in paragraphs of varied length. */
function makeDoc(paragraphs: number, seed = 7): string {
  const words = [
    'Alice',
    'met',
    'Bob',
    'in',
    'New',
    'York',
    '北京',
    '👨‍👩‍👧',
    'שלום',
    'café',
    '𠀀',
    'U.S.',
    ',',
    '👍🏽',
  ]
  let x = seed
  const rnd = (): number => {
    x = (x * 1103515245 + 12345) % 2147483648
    return x / 2147483648
  }
  const out: string[] = []
  for (let p = 0; p < paragraphs; p++) {
    const len = Math.floor(rnd() * 300)
    out.push(Array.from({ length: len }, () => words[Math.floor(rnd() * words.length)]).join(' '))
  }
  return out.join('\n')
}

describe('blocks', () => {
  it('tiles the text: paragraphs by newline, long ones chunked at token boundaries', () => {
    const text = makeDoc(60)
    const doc = docText(text)
    const blocks = buildBlocks(text, doc.tokens, { maxTokensPerBlock: 50 })
    expect(rebuild(text, blocks)).toBe(text)
    let tokens = 0
    for (const b of blocks) {
      expect(b.tokenEnd - b.tokenStart).toBeLessThanOrEqual(50)
      expect(text.slice(b.start, b.end)).not.toContain('\n')
      for (let t = b.tokenStart; t < b.tokenEnd; t++) {
        expect(doc.tokens[t]!.start).toBeGreaterThanOrEqual(b.start)
        expect(doc.tokens[t]!.end).toBeLessThanOrEqual(b.end)
      }
      tokens += b.tokenEnd - b.tokenStart
    }
    expect(tokens).toBe(doc.tokens.length)
    expect(blocks.filter((b) => b.paragraphStart)).toHaveLength(60)
  })

  it('keeps blank lines as empty blocks and \\r out of blocks', () => {
    const text = 'one two\r\n\r\nthree\n'
    const blocks = buildBlocks(text, docText(text).tokens)
    expect(blocks.map((b) => text.slice(b.start, b.end))).toEqual(['one two', '', 'three', ''])
  })

  it('does not break a paragraph at a newline inside a stored token', () => {
    const text = 'a\nb c'
    const blocks = buildBlocks(text, [
      { start: 0, end: 3 },
      { start: 4, end: 5 },
    ])
    expect(blocks).toHaveLength(1)
    expect(blocks[0]).toMatchObject({ start: 0, end: 5, tokenStart: 0, tokenEnd: 2 })
  })

  it('gives right-to-left paragraphs their direction', () => {
    const text = 'Hello world\nשלום עולם\nمرحبا'
    expect(buildBlocks(text, docText(text).tokens).map((b) => b.direction)).toEqual(['ltr', 'rtl', 'rtl'])
  })
})

describe('spans in blocks', () => {
  const text = 'Alpha beta gamma delta\nepsilon zeta eta theta'
  const doc = docText(text)
  const blocks = buildBlocks(text, doc.tokens, { maxTokensPerBlock: 2 })
  const at = (w: string, len = w.length): Range & { id: string } => ({
    id: w,
    start: text.indexOf(w),
    end: text.indexOf(w) + len,
  })

  it('puts each span in every block it touches, in order', () => {
    const crossing = { id: 'x', start: text.indexOf('delta'), end: text.indexOf('zeta') + 4 }
    const spans = [at('Alpha'), at('beta'), crossing, at('theta')]
    const byBlock = assignSpans(blocks, spans)
    const ids = byBlock.map((list) => list.map((s) => s.id))
    expect(blocks.map((b) => text.slice(b.start, b.end))).toEqual([
      'Alpha beta ',
      'gamma delta',
      'epsilon zeta ',
      'eta theta',
    ])
    expect(ids).toEqual([['Alpha', 'beta'], ['x'], ['x'], ['theta']])
  })

  it('matches a brute-force assignment on a large random document', () => {
    const big = makeDoc(40, 11)
    const d = docText(big)
    const bl = buildBlocks(big, d.tokens, { maxTokensPerBlock: 17 })
    const spans: (Range & { id: string })[] = []
    for (let t = 0; t + 3 < d.tokens.length; t += 7)
      spans.push({ id: `s${t}`, start: d.tokens[t]!.start, end: d.tokens[t + 3]!.end })
    const fast = assignSpans(bl, spans)
    bl.forEach((b, i) => {
      const slow = spans.filter((s) => s.start < b.end && b.start < s.end)
      expect(fast[i]!.map((s) => s.id)).toEqual(slow.map((s) => s.id))
    })
  })

  it('cuts a block into runs at token and span edges', () => {
    const layout = buildLayout(
      text,
      doc.tokens,
      [{ id: 'p', start: text.indexOf('lpha'), end: text.indexOf('beta') + 4 }],
      {
        maxTokensPerBlock: 2,
      },
    )
    const segs = blockSegments(layout, 0)
    expect(segs.map((s) => text.slice(s.start, s.end))).toEqual(['A', 'lpha', ' ', 'beta', ' '])
    expect(segs.map((s) => s.spans.map((x) => x.id).join())).toEqual(['', 'p', 'p', 'p', ''])
    expect(segs.map((s) => s.token)).toEqual([0, 0, -1, 1, -1])
  })

  it('stacks overlapping spans in rows', () => {
    const levels = spanLevels([at('Alpha beta gamma'), at('beta'), at('gamma delta'), at('epsilon')])
    expect(levels.get('Alpha beta gamma')).toBe(0)
    expect(levels.get('beta')).toBe(1)
    expect(levels.get('gamma delta')).toBe(1)
    expect(levels.get('epsilon')).toBe(0)
  })
})

describe('positions', () => {
  const text = 'Bob 👨‍👩‍👧 met 北京\n  Zoë'
  const doc = docText(text)
  const layout = buildLayout(text, doc.tokens, [], { maxTokensPerBlock: 2 })

  it('round-trips every offset through (block, token, offset)', () => {
    for (let o = 0; o <= text.length; o++) {
      if (text[o] === '\n') continue
      const pos = offsetToPosition(layout, o)!
      expect(positionToOffset(layout, pos), `offset ${o}`).toBe(o)
    }
  })

  it('maps an offset inside the emoji and in leading whitespace', () => {
    const fam = text.indexOf('👨')
    expect(offsetToPosition(layout, fam + 3)).toEqual({ block: 0, token: 1, offset: 3 })
    const zoe = text.indexOf('Zoë')
    const pos = offsetToPosition(layout, zoe - 1)!
    expect(pos.token).toBeNull()
    expect(layout.blocks[pos.block]!.paragraphStart).toBe(true)
    expect(positionToOffset(layout, { block: pos.block, token: 0, offset: 99 })).toBe(zoe + 3)
  })

  it('finds blocks for offsets and tokens', () => {
    const jing = text.indexOf('京')
    const b = blockOfOffset(layout.blocks, jing)
    expect(layout.blocks[b]!.start).toBeLessThanOrEqual(jing)
    expect(layout.blocks[b]!.end).toBeGreaterThan(jing)
    const t = doc.tokens.findIndex((x) => x.start === jing)
    expect(blockOfToken(layout.blocks, t)).toBe(b)
    expect(() => positionToOffset(layout, { block: 99, token: 0, offset: 0 })).toThrow(/no block 99/)
  })
})

describe('document flow', () => {
  it('counts progress and finds the next document to do', () => {
    const statuses = ['done', 'todo', 'skipped', 'todo', 'done'] as const
    expect(progress(statuses)).toEqual({ total: 5, done: 2, skipped: 1, todo: 2, fraction: 0.6 })
    expect(nextTodo(statuses, 1)).toBe(3)
    expect(nextTodo(statuses, 3)).toBe(1)
    expect(nextTodo(['done', 'done'], 0)).toBeNull()
    expect(stepIndex(0, -1, 5)).toBeNull()
    expect(stepIndex(4, -1, 5)).toBe(3)
    expect(progress([]).fraction).toBe(0)
  })
})
