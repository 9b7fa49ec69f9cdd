/**
 * Reading a file's bytes as text and failing with a "file:line: reason" sentence. A malformed file
 * is rejected whole, so every parser throws through fail() and imports nothing.
 */
import { UserError } from '../../shared/api/errors'

/** Throws the UserError for a malformed file; `where` is "file:line". */
export function fail(fileName: string, line: number, reason: string): never {
  const where = `${fileName}:${line}`
  throw new UserError(`${where}: ${reason}`, where)
}

/**
 * Decodes UTF-8 strictly (an invalid byte rejects the file instead of turning into U+FFFD, which
 * would silently shift offsets) and drops a byte order mark.
 */
export function decodeText(content: string | Uint8Array, fileName: string): string {
  if (typeof content === 'string') return content.charCodeAt(0) === 0xfeff ? content.slice(1) : content
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content)
  } catch {
    const at = firstInvalidUtf8(content)
    let line = 1
    for (let i = 0; i < at; i++) if (content[i] === 0x0a) line++
    return fail(
      fileName,
      line,
      `the file is not valid UTF-8 (byte ${at}); save it as UTF-8 and import it again.`,
    )
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0
  while (i < b.length) {
    const c = b[i]!
    if (c < 0x80) {
      i++
      continue
    }
    let n: number
    let lo = 0x80
    let hi = 0xbf
    if (c >= 0xc2 && c <= 0xdf) n = 1
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2
      if (c === 0xe0) lo = 0xa0 // overlong
      if (c === 0xed) hi = 0x9f // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3
      if (c === 0xf0) lo = 0x90 // overlong
      if (c === 0xf4) hi = 0x8f // above U+10FFFF
    } else return i
    for (let k = 1; k <= n; k++) {
      const d = b[i + k]
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i
    }
    i += n + 1
  }
  return b.length
}

/** Lines without their terminators (LF or CRLF); line i of the file is lines[i - 1]. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1)
  }
  return lines
}

/** Calls fn(record, lineNumber) for each non-blank line parsed as a JSON object. */
export function forEachJsonLine(
  text: string,
  fileName: string,
  fn: (record: Record<string, unknown>, line: number) => void,
): void {
  const lines = splitLines(text)
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!
    if (raw.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e)
      const hint =
        i === 0 && raw.trimStart().startsWith('[')
          ? ' (expected one JSON object per line, not a JSON array)'
          : ''
      fail(fileName, i + 1, `invalid JSON${hint}: ${detail}.`)
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail(fileName, i + 1, 'expected one JSON object per line (JSONL).')
    }
    fn(value as Record<string, unknown>, i + 1)
  }
}
