/**
 * Reading an import file from disk: format detection when none is given, and, for Hugging Face
 * files with integer tags, the tag names from a sidecar file next to the data. The only part of
 * the formats layer that touches the file system; everything else takes strings or bytes.
 */
import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { detectFormat } from './detect'
import { parseTagNames } from './hf'
import { parseDocuments } from './index'
import type { ImportFormat, ImportOptions, ParseResult } from './types'

/** Sidecar names tried, in order, for Hugging Face tag ids (`<stem>` is the data file without extension). */
export function tagNameCandidates(filePath: string): string[] {
  const dir = dirname(filePath)
  const stem = basename(filePath).replace(/\.[^.]*$/, '')
  return [
    `${stem}.labels.json`,
    `${stem}.labels.txt`,
    'labels.json',
    'labels.txt',
    'tag_names.json',
    'tag_names.txt',
    'dataset_info.json',
    'config.json',
  ].map((n) => join(dir, n))
}

export function findTagNames(filePath: string): { path: string; names: string[] } | null {
  for (const p of tagNameCandidates(filePath)) {
    if (!existsSync(p)) continue
    try {
      return { path: p, names: parseTagNames(readFileSync(p, 'utf8'), basename(p)) }
    } catch {
      // A config.json without tag names is common; keep looking.
    }
  }
  return null
}

/** Reads, detects and parses one file; messages name the file by its base name. */
export function parseFile(
  filePath: string,
  options: ImportOptions & { format?: ImportFormat } = {},
): ParseResult & { format: ImportFormat; tagNamesFile?: string } {
  const bytes = readFileSync(filePath)
  const name = basename(filePath)
  const format = options.format ?? detectFormat(name, bytes.subarray(0, 64 * 1024))
  let opts: ImportOptions = options
  let tagNamesFile: string | undefined
  if (format === 'hf' && !options.tagNames) {
    const found = findTagNames(filePath)
    if (found) {
      opts = { ...options, tagNames: found.names }
      tagNamesFile = found.path
    }
  }
  const result = parseDocuments(format, bytes, name, opts)
  return { ...result, format, ...(tagNamesFile ? { tagNamesFile } : {}) }
}
