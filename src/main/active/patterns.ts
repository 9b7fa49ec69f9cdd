/**
 * Cold-start suggestions: dictionary terms and regular expressions per label propose spans before any
 * model exists. Terms match whole tokens (case-insensitively unless asked), so "Paris" never fires
 * inside "Parisian"; regex matches count only where they start and end on token boundaries. Where
 * candidates overlap, the longest wins, then the earliest.
 */
import { UserError } from '../../shared/api/errors'
import { tokenize } from '../../shared/text/tokenize'
import type { TokenOffsets } from '../../shared/types'
import type { NewSuggestion } from '../db/suggestions'

export interface PatternRule {
  label: string
  kind: 'term' | 'regex'
  pattern: string
  caseSensitive: boolean
}

interface CompiledTerm {
  words: string[]
  label: string
  caseSensitive: boolean
}

function wordsOf(text: string): string[] {
  return tokenize(text).map((t) => text.slice(t.start, t.end))
}

/** Checks a regular expression and says what is wrong with it in a sentence. */
export function compileRegex(pattern: string, caseSensitive: boolean): RegExp {
  try {
    return new RegExp(pattern, caseSensitive ? 'gu' : 'giu')
  } catch (err) {
    throw new UserError(
      `The pattern /${pattern}/ is not a valid regular expression: ${(err as Error).message}.`,
    )
  }
}

export class PatternMatcher {
  private readonly termsByFirst = new Map<string, CompiledTerm[]>()
  private readonly regexes: { re: RegExp; label: string }[] = []

  constructor(rules: readonly PatternRule[]) {
    for (const r of rules) {
      if (r.kind === 'regex') {
        this.regexes.push({ re: compileRegex(r.pattern, r.caseSensitive), label: r.label })
        continue
      }
      const words = wordsOf(r.pattern)
      if (words.length === 0) continue
      const key = r.caseSensitive ? words[0]! : words[0]!.toLowerCase()
      const list = this.termsByFirst.get(key) ?? []
      list.push({
        words: r.caseSensitive ? words : words.map((w) => w.toLowerCase()),
        label: r.label,
        caseSensitive: r.caseSensitive,
      })
      this.termsByFirst.set(key, list)
    }
  }

  get size(): number {
    let n = this.regexes.length
    for (const l of this.termsByFirst.values()) n += l.length
    return n
  }

  match(text: string, tokens: readonly TokenOffsets[] = tokenize(text)): NewSuggestion[] {
    const words = tokens.map((t) => text.slice(t.start, t.end))
    const lower = words.map((w) => w.toLowerCase())
    const found: { start: number; end: number; label: string }[] = []
    for (let i = 0; i < tokens.length; i++) {
      const candidates = [
        ...(this.termsByFirst.get(words[i]!) ?? []),
        ...(this.termsByFirst.get(lower[i]!) ?? []),
      ]
      for (const term of candidates) {
        const n = term.words.length
        if (i + n > tokens.length) continue
        let ok = true
        for (let k = 0; k < n && ok; k++)
          ok = (term.caseSensitive ? words[i + k] : lower[i + k]) === term.words[k]
        if (ok) found.push({ start: tokens[i]!.start, end: tokens[i + n - 1]!.end, label: term.label })
      }
    }
    if (this.regexes.length > 0) {
      const starts = new Set(tokens.map((t) => t.start))
      const ends = new Set(tokens.map((t) => t.end))
      for (const { re, label } of this.regexes) {
        re.lastIndex = 0
        for (const m of text.matchAll(re)) {
          const start = m.index
          const end = start + m[0].length
          if (end > start && starts.has(start) && ends.has(end)) found.push({ start, end, label })
        }
      }
    }
    // Longest first, then earliest; keep what does not overlap an earlier choice.
    found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
    const chosen: typeof found = []
    for (const f of found) {
      if (!chosen.some((c) => c.start < f.end && c.end > f.start)) chosen.push(f)
    }
    return chosen.sort((a, b) => a.start - b.start).map((c) => ({ ...c, score: 1 }))
  }
}

/**
 * Reads a pattern file: one term per line (for the given label), or JSONL records
 * {"label": "ORG", "pattern": "Acme Corp"} as spaCy's EntityRuler writes them (token-list patterns
 * with "lower"/"text"/"orth" keys become terms; "regex": true marks a regular expression).
 */
export function parsePatternFile(content: string, fileName: string, defaultLabel?: string): PatternRule[] {
  const rules: PatternRule[] = []
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/)
  const jsonl =
    lines
      .find((l) => l.trim() !== '')
      ?.trim()
      .startsWith('{') ?? false
  lines.forEach((raw, i) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const where = `${fileName}:${i + 1}`
    if (!jsonl) {
      if (!defaultLabel)
        throw new UserError(`${where}: a term list needs a label; choose the label the terms belong to.`)
      rules.push({ label: defaultLabel, kind: 'term', pattern: line, caseSensitive: false })
      return
    }
    let record: unknown
    try {
      record = JSON.parse(line)
    } catch {
      throw new UserError(`${where}: this line is not valid JSON.`)
    }
    const r = record as { label?: unknown; pattern?: unknown; regex?: unknown; case_sensitive?: unknown }
    const label = typeof r.label === 'string' ? r.label : defaultLabel
    if (!label) throw new UserError(`${where}: the record has no "label".`)
    let pattern: string
    if (typeof r.pattern === 'string') pattern = r.pattern
    else if (Array.isArray(r.pattern)) {
      const parts = r.pattern.map(
        (t: Record<string, unknown>) => t.lower ?? t.LOWER ?? t.text ?? t.TEXT ?? t.orth ?? t.ORTH,
      )
      if (parts.some((p) => typeof p !== 'string')) {
        throw new UserError(`${where}: only token patterns with "lower", "text" or "orth" keys can be read.`)
      }
      pattern = parts.join(' ')
    } else throw new UserError(`${where}: the record has no "pattern".`)
    const kind = r.regex === true ? 'regex' : 'term'
    if (kind === 'regex') compileRegex(pattern, false)
    rules.push({ label, kind, pattern, caseSensitive: r.case_sensitive === true })
  })
  return rules
}
