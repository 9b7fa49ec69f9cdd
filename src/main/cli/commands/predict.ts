import { readFileSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { UserError } from '../../../shared/api/errors'
import { ProjectStore } from '../../db/store'
import { PackagePredictor } from '../../export/predictor'
import { modelDir } from '../../trainer/evaluate'
import { UsageError } from '../errors'
import { progressReporter } from '../output'

interface PredictOpts {
  project?: string
  model?: string
  in: string
  out: string
}

/**
 * Records of the input: JSONL ({"text": ...} objects, whose other fields are kept in the output, or
 * a JSON string per line), else one text per line.
 */
export function readTexts(path: string): Record<string, unknown>[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/)
  const jsonl =
    path.endsWith('.jsonl') ||
    lines
      .find((l) => l.trim() !== '')
      ?.trimStart()
      .startsWith('{')
  const texts: Record<string, unknown>[] = []
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    if (!jsonl) return texts.push({ text: line })
    let v: unknown
    try {
      v = JSON.parse(line)
    } catch {
      throw new UserError(`${path}:${i + 1} is not valid JSON.`)
    }
    const text = typeof v === 'string' ? v : (v as { text?: unknown } | null)?.text
    if (typeof text !== 'string') throw new UserError(`${path}:${i + 1} has no "text" string.`)
    texts.push(typeof v === 'string' ? { text } : (v as Record<string, unknown>))
  })
  return texts
}

export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description(
      'tag texts with an exported model package (--model DIR) or a project model version (--project P [--model V]); writes JSONL with spans in code points',
    )
    .option('--project <file>', 'the project file (then --model is a version number, default the active one)')
    .option('--model <dir|version>', 'an exported package folder, or with --project a model version')
    .requiredOption('--in <file>', 'plain text (one text per line) or JSONL with a "text" field')
    .requiredOption(
      '--out <file>',
      'JSONL to write: each input record (or {"text"}) with "spans": [{start, end, label, score}]',
    )
    .action(async (opts: PredictOpts) => {
      let dir: string
      if (opts.project) {
        const version = opts.model === undefined ? undefined : Number(opts.model)
        if (version !== undefined && !Number.isInteger(version))
          throw new UsageError(`With --project, --model must be a model version number, not "${opts.model}".`)
        const store = ProjectStore.open(opts.project, { readonly: true })
        try {
          dir = modelDir(store.db, opts.project, version).dir
        } finally {
          store.close()
        }
      } else if (opts.model) dir = opts.model
      else throw new UsageError('Give --model DIR (an exported package) or --project FILE.')
      const texts = readTexts(opts.in)
      const predictor = await PackagePredictor.load(dir)
      const bar = progressReporter('Tagging')
      const out: string[] = []
      try {
        // Chunks of texts, so that progress shows and memory stays bounded on large files.
        const CHUNK = 256
        for (let i = 0; i < texts.length; i += CHUNK) {
          const chunk = texts.slice(i, i + CHUNK)
          const spans = await predictor.predictMany(chunk.map((r) => r.text as string))
          chunk.forEach((record, k) => out.push(JSON.stringify({ ...record, spans: spans[k] })))
          bar(i + chunk.length, texts.length)
        }
      } finally {
        await predictor.release()
      }
      writeFileSync(opts.out, out.length > 0 ? out.join('\n') + '\n' : '')
    })
}
