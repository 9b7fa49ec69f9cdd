/**
 * The real corpora: CoNLL-2003 (IOB2, English) and Resume NER (BMES, Chinese, one character per
 * line). Counts are the ones published with the datasets (see their README files).
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseConll, serializeConll } from '../../src/main/formats'

const datasets = path.resolve(__dirname, '../../../shared/datasets')
const conllDir = path.join(datasets, 'conll2003')
const resumeDir = path.join(datasets, 'resume-zh')

/** Token and tag columns (first and last), one entry per line, blank lines kept; trailing blanks dropped. */
function tokenTagColumns(content: string): string[] {
  const out = content.split('\n').map((l) => {
    const cols = l.trim().split(/\s+/)
    return cols[0] === '' ? '' : `${cols[0]} ${cols[cols.length - 1]}`
  })
  while (out.length && out[out.length - 1] === '') out.pop()
  return out
}

/** IOB2 -> IOB1 written independently of the code under test: B- stays only right after the same type. */
function iob2ToIob1(lines: readonly string[]): string[] {
  let prevType = ''
  return lines.map((l) => {
    if (l === '') {
      prevType = ''
      return l
    }
    const [tok, tag] = l.split(' ') as [string, string]
    if (tok === '-DOCSTART-') {
      prevType = ''
      return l
    }
    const type = tag === 'O' ? '' : tag.slice(2)
    let out = tag
    if (tag.startsWith('B-') && prevType !== type) out = 'I-' + type
    prevType = type
    return `${tok} ${out}`
  })
}

describe.skipIf(!existsSync(conllDir))(
  'CoNLL-2003 train (skipped: ../shared/datasets/conll2003 is absent)',
  () => {
    const content = existsSync(conllDir) ? readFileSync(path.join(conllDir, 'train.txt')) : Buffer.alloc(0)
    const parsed = existsSync(conllDir) ? parseConll(content, 'train.txt') : undefined

    it('reads the published document, sentence, token and entity counts as IOB2', () => {
      const { documents, report } = parsed!
      expect(report.scheme).toBe('iob2')
      expect(report.schemeSpelling).toBe('IOB2')
      expect(report.joiner).toBe('space')
      expect(documents.length).toBe(946)
      expect(report.sentences).toBe(14041)
      expect(report.tokens).toBe(203621)
      expect(report.spansPerLabel).toEqual({ LOC: 7140, MISC: 3438, ORG: 6321, PER: 6600 })
      expect(report.warningCount).toBe(1) // the note that POS and chunk columns are not imported
      // Span surfaces are the tokens they came from.
      const first = documents[0]!
      expect(first.text.startsWith('EU rejects German call to boycott British lamb .\nPeter Blackburn')).toBe(
        true,
      )
      expect(first.spans.slice(0, 3).map((s) => [first.text.slice(s.start, s.end), s.label])).toEqual([
        ['EU', 'ORG'],
        ['German', 'MISC'],
        ['British', 'MISC'],
      ])
    })

    it('exports IOB2 that reproduces the token and tag columns line for line', () => {
      const out = serializeConll(parsed!.documents, { scheme: 'iob2' })
      expect(tokenTagColumns(out.content)).toEqual(tokenTagColumns(content.toString('utf8')))
      expect(out.report.spans).toBe(23499)
      expect(out.report.splitTokens).toBe(0)
    })

    it('exports IOB1 (I- everywhere, B- only between adjacent entities of one type)', () => {
      const out = serializeConll(parsed!.documents, { scheme: 'iob1' })
      const expected = iob2ToIob1(tokenTagColumns(content.toString('utf8')))
      const actual = tokenTagColumns(out.content)
      expect(actual).toEqual(expected)
      // The conversion is not the identity: IOB1 rarely needs B-.
      expect(actual.filter((l) => / B-/.test(l)).length).toBeLessThan(100)
      const again = parseConll(out.content, 'train.iob1')
      expect(again.report.scheme).toBe('iob1')
      expect(again.report.spansPerLabel).toEqual(parsed!.report.spansPerLabel)
    })
  },
)

describe.skipIf(!existsSync(conllDir))('CoNLL-2003 dev and test (skipped: dataset absent)', () => {
  it.each([
    ['dev.txt', 216, 3250, { LOC: 1837, MISC: 922, ORG: 1341, PER: 1842 }],
    ['test.txt', 231, 3453, { LOC: 1668, MISC: 702, ORG: 1661, PER: 1617 }],
  ] as const)('%s has the published counts', (file, docs, sentences, perLabel) => {
    const { documents, report } = parseConll(readFileSync(path.join(conllDir, file)), file)
    expect(documents.length).toBe(docs)
    expect(report.sentences).toBe(sentences)
    expect(report.spansPerLabel).toEqual(perLabel)
  })
})

describe.skipIf(!existsSync(resumeDir))(
  'Resume NER train (skipped: ../shared/datasets/resume-zh is absent)',
  () => {
    const content = existsSync(resumeDir)
      ? readFileSync(path.join(resumeDir, 'train.char.bmes'))
      : Buffer.alloc(0)

    it('reads BMES character data with 13,440 lenient entities and no spaces in the text', () => {
      const { documents, report } = parseConll(content, 'train.char.bmes')
      expect(report.scheme).toBe('bioes')
      expect(report.schemeSpelling).toBe('BMES')
      expect(report.joiner).toBe('none')
      expect(report.sentences).toBe(3821)
      expect(documents.length).toBe(3821) // no -DOCSTART-: one document per sentence
      expect(report.tokens).toBe(124099)
      expect(report.spans).toBe(13440)
      expect(report.spansPerLabel.ORG).toBe(4613)
      expect(report.spansPerLabel.NAME).toBe(952)
      // The two entities cut by a sentence break are the only irregular ones: 4 warnings.
      expect(report.warningCount).toBe(4)
      const d = documents[0]!
      expect(d.text.startsWith('高勇：男，中国国籍')).toBe(true)
      expect(d.text.slice(d.spans[0]!.start, d.spans[0]!.end)).toBe('高勇')
    })

    it.each([
      ['dev.char.bmes', 463, 1497],
      ['test.char.bmes', 477, 1630],
    ] as const)('%s has the published counts and no irregular entities', (file, sentences, entities) => {
      const { report } = parseConll(readFileSync(path.join(resumeDir, file)), file)
      expect(report.sentences).toBe(sentences)
      expect(report.spans).toBe(entities)
      expect(report.warningCount).toBe(0)
    })

    it('exports BIOES with M- as I- and reads back the same spans and text', () => {
      const first = parseConll(content, 'train.char.bmes')
      const out = serializeConll(first.documents, { scheme: 'bioes' })
      expect(out.content.includes('-DOCSTART-')).toBe(false)
      const again = parseConll(out.content, 'train.bioes')
      expect(again.documents.map((d) => d.text)).toEqual(first.documents.map((d) => d.text))
      expect(again.documents.map((d) => d.spans)).toEqual(first.documents.map((d) => d.spans))
      // Token column unchanged; tags equal after the documented M- -> I- spelling change, except at
      // the 4 irregular chunks, which are written as well-formed BIOES.
      const orig = tokenTagColumns(content.toString('utf8')).map((l) => l.replace(' M-', ' I-'))
      const now = tokenTagColumns(out.content)
      expect(now.length).toBe(orig.length)
      const diffs = now.filter((l, i) => l !== orig[i])
      expect(diffs.length).toBeGreaterThan(0)
      expect(diffs.length).toBeLessThanOrEqual(8)
      expect(now.map((l) => l.split(' ')[0])).toEqual(orig.map((l) => l.split(' ')[0]))
    })
  },
)
