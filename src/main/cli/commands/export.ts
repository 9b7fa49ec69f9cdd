import type { Command } from 'commander'
import { EXPORT_FORMATS } from '../../formats'
import { exportToFile, type ExportRequest } from '../../data/export'
import { ProjectStore } from '../../db/store'
import { UsageError } from '../errors'
import { oneOf, schemeOption } from '../options'
import { printJson } from '../output'

interface ExportOpts {
  project: string
  format: string
  scheme?: string
  offsets?: string
  split?: string
  status?: string
  out: string
  json?: boolean
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export documents and spans; import → export → import is lossless')
    .requiredOption('--project <file>', 'the project file')
    .requiredOption('--format <f>', `output format: ${EXPORT_FORMATS.join(', ')}`)
    .option('--scheme <s>', 'tag scheme for CoNLL/HF: iob1, iob2, bioes (default: iob2)')
    .option('--offsets <u>', 'spaCy/doccano offsets: codepoints (Python, default) or utf16')
    .option('--split <s>', 'only this split: train, dev, test, none')
    .option('--status <s>', 'only this status: todo, done, skipped')
    .requiredOption('--out <file>', 'the file to write')
    .option('--json', 'print the report as JSON')
    .action((opts: ExportOpts) => {
      const format = oneOf('--format', opts.format, EXPORT_FORMATS)
      if (!format) throw new UsageError('--format is required.')
      const request: ExportRequest = { format }
      const scheme = schemeOption('--scheme', opts.scheme)
      if (scheme) request.scheme = scheme
      const offsets = oneOf('--offsets', opts.offsets, ['codepoints', 'utf16'] as const)
      if (offsets) request.offsets = offsets
      request.split = oneOf('--split', opts.split, ['train', 'dev', 'test', 'none'] as const)
      request.status = oneOf('--status', opts.status, ['todo', 'done', 'skipped'] as const)
      const store = ProjectStore.open(opts.project, { readonly: true })
      try {
        const { report } = exportToFile(store, request, opts.out)
        if (opts.json) return printJson(report)
        const skipped = report.skippedSpans
          ? `; ${report.skippedSpans} spans could not be written (see warnings)`
          : ''
        process.stdout.write(
          `Wrote ${report.documents} documents, ${report.records} records, ${report.spans} spans to ${opts.out}${skipped}.\n`,
        )
        for (const w of report.warnings.slice(0, 10)) process.stdout.write(`  ${w.where}: ${w.message}\n`)
      } finally {
        store.close()
      }
    })
}
