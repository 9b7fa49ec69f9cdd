import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { IMPORT_FORMATS } from '../../formats'
import { ProjectStore } from '../../db/store'
import { evaluateFile, modelDir } from '../../trainer/evaluate'
import { UsageError } from '../errors'
import { oneOf } from '../options'
import { printJson, table } from '../output'

interface EvalOpts {
  project: string
  model?: string
  data: string
  format?: string
  predictions?: string
  json?: boolean
}

const pct = (x: number) => (100 * x).toFixed(2)

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description(
      'strict entity-level precision / recall / F1 per type and micro of a model version on a labelled file',
    )
    .requiredOption('--project <file>', 'the project file')
    .option('--model <version>', 'model version (default: the active one)')
    .requiredOption('--data <file>', 'labelled data (CoNLL, spaCy, doccano or Hugging Face JSONL)')
    .option('--format <f>', `format of --data: ${IMPORT_FORMATS.join(', ')} (default: detected)`)
    .option('--predictions <out>', 'write "token gold pred" lines (conlleval layout) to this file')
    .option('--json', 'print the metrics as JSON')
    .action(async (opts: EvalOpts) => {
      const format = oneOf('--format', opts.format, IMPORT_FORMATS)
      const version = opts.model === undefined ? undefined : Number(opts.model)
      if (version !== undefined && !Number.isInteger(version)) {
        throw new UsageError(`--model must be a model version number, not "${opts.model}".`)
      }
      const store = ProjectStore.open(opts.project, { readonly: true })
      let model
      try {
        model = modelDir(store.db, store.path, version)
      } finally {
        store.close()
      }
      const result = await evaluateFile(model.dir, opts.data, format ? { format } : {})
      if (opts.predictions) writeFileSync(opts.predictions, result.predictions)
      if (opts.json)
        return printJson({ model: model.version, sentences: result.sentences, ...result.metrics })
      const m = result.metrics
      const rows = Object.entries(m.perType)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, p]) => [type, pct(p.precision), pct(p.recall), pct(p.f1), p.support])
      rows.push(['micro', pct(m.micro.precision), pct(m.micro.recall), pct(m.micro.f1), m.micro.support])
      process.stdout.write(
        `Model version ${model.version} on ${result.sentences} sentences:\n\n${table(rows, ['type', 'precision', 'recall', 'F1', 'support'])}\n`,
      )
    })
}
