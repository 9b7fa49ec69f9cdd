import { existsSync, readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { Command } from 'commander'
import { IMPORT_FORMATS } from '../../formats'
import { parseTagNames } from '../../formats/hf'
import { importFiles, type ImportRequest } from '../../data/import'
import { ProjectStore } from '../../db/store'
import { UserError } from '../../../shared/api/errors'
import { oneOf, schemeOption } from '../options'
import { printJson, progressReporter, table } from '../output'

interface ImportOpts {
  project: string
  format?: string
  scheme?: string
  split?: string
  status?: string
  documentPer?: string
  joiner?: string
  offsets?: string
  tagNames?: string
  json?: boolean
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'import documents and spans; a malformed file is rejected whole with file:line and the reason',
    )
    .argument(
      '<files...>',
      'files to import (CoNLL, spaCy/Prodigy JSONL, doccano JSONL, Hugging Face JSONL, text)',
    )
    .requiredOption('--project <file>', 'the project file (created when absent)')
    .option('--format <f>', `file format: ${IMPORT_FORMATS.join(', ')} (default: detected)`)
    .option(
      '--scheme <s>',
      'tag scheme of CoNLL/HF files: iob1, iob2, bioes (BMES, BILOU) (default: detected)',
    )
    .option('--split <s>', 'split for the documents: train, dev, test, none (default: train)')
    .option('--status <s>', 'status: done or todo (default: done when the file has spans, else todo)')
    .option('--document-per <u>', 'CoNLL: docstart or sentence; text: line or paragraph')
    .option('--joiner <j>', 'CoNLL/HF: how tokens become text: auto (CJK without spaces), space, none')
    .option('--offsets <u>', 'spaCy/doccano offsets: codepoints (Python, default) or utf16')
    .option('--tag-names <file>', 'Hugging Face: the names of integer tag ids (JSON list or one per line)')
    .option('--json', 'print the report as JSON')
    .action((files: string[], opts: ImportOpts) => {
      for (const f of files) if (!existsSync(f)) throw new UserError(`The file ${f} does not exist.`)
      const request: ImportRequest = {}
      const format = oneOf('--format', opts.format, IMPORT_FORMATS)
      if (format) request.format = format
      if (opts.scheme !== undefined && opts.scheme.toLowerCase() !== 'auto') {
        request.scheme = schemeOption('--scheme', opts.scheme)!
      }
      const joiner = oneOf('--joiner', opts.joiner, ['auto', 'space', 'none'] as const)
      if (joiner) request.joiner = joiner
      const offsets = oneOf('--offsets', opts.offsets, ['codepoints', 'utf16'] as const)
      if (offsets) request.offsets = offsets
      const split = oneOf('--split', opts.split, ['train', 'dev', 'test', 'none'] as const)
      if (split) request.split = split
      const status = oneOf('--status', opts.status, ['done', 'todo'] as const)
      if (status) request.status = status
      const per = oneOf('--document-per', opts.documentPer, [
        'docstart',
        'sentence',
        'line',
        'paragraph',
      ] as const)
      if (per) request.documentPer = per
      if (opts.tagNames)
        request.tagNames = parseTagNames(readFileSync(opts.tagNames, 'utf8'), basename(opts.tagNames))

      const store = ProjectStore.open(opts.project, { create: true })
      try {
        const progress = opts.json ? undefined : progressReporter('Importing')
        const summary = importFiles(store, files, request, (phase, done, total) => {
          if (phase === 'write') progress?.(done, total)
        })
        if (opts.json) return printJson(summary)
        const lines = summary.files.map(
          (f) =>
            `${f.fileName}: ${f.format}${f.scheme ? ` (${f.schemeSpelling ?? f.scheme})` : ''}, ${f.documents} documents, ${f.spans} spans` +
            (f.warningCount ? `, ${f.warningCount} warnings` : ''),
        )
        for (const f of summary.files)
          for (const w of f.warnings.slice(0, 5)) lines.push(`  ${w.where}: ${w.message}`)
        lines.push(
          '',
          `Imported ${summary.documents} documents (${summary.tokens} tokens); ${summary.duplicates} duplicates skipped.`,
          '',
          table(
            Object.entries(summary.spansPerLabel)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([label, n]) => [label, n]),
            ['label', 'spans'],
          ),
        )
        process.stdout.write(`${lines.join('\n')}\n`)
      } finally {
        store.close()
      }
    })
}
