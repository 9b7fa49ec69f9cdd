import type { Command } from 'commander'
import { exportProjectModel } from '../../export/fromProject'
import { UsageError } from '../errors'
import { oneOf } from '../options'
import { printJson, table } from '../output'

interface ExportModelOpts {
  project: string
  model?: string
  out: string
  quantize?: string
  hf?: boolean
  json?: boolean
}

export function registerExportModel(program: Command): void {
  program
    .command('export-model')
    .description(
      'write a model version as a deployable package: model.onnx, tokenizer, config, model card and predict.mjs / predict.py',
    )
    .requiredOption('--project <file>', 'the project file')
    .option('--model <version>', 'model version (default: the active one)')
    .requiredOption('--out <dir>', 'the folder to write')
    .option('--quantize <q>', 'int8: store weights as 8-bit integers (smaller, faster on CPU)')
    .option('--hf', 'also write model.safetensors + vocab for transformers (BERT models only)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: ExportModelOpts) => {
      const quantize = oneOf('--quantize', opts.quantize, ['int8'] as const)
      const version = opts.model === undefined ? undefined : Number(opts.model)
      if (version !== undefined && !Number.isInteger(version))
        throw new UsageError(`--model must be a model version number, not "${opts.model}".`)
      const r = await exportProjectModel({
        projectPath: opts.project,
        version,
        outDir: opts.out,
        quantize,
        hf: opts.hf,
      })
      if (opts.json) return printJson(r)
      process.stdout.write(`Model version ${r.version} exported to ${r.outDir}\n\n`)
      process.stdout.write(
        `${table(
          r.files.map((f) => [f.name, f.bytes]),
          ['file', 'bytes'],
        )}\n`,
      )
      for (const w of r.warnings) process.stdout.write(`\nWarning: ${w}\n`)
      if (quantize)
        process.stdout.write(
          `\nmodel.onnx: ${r.onnxBytes} bytes int8, ${((100 * r.onnxBytes) / r.fp32Bytes).toFixed(1)}% of the ${r.fp32Bytes} bytes in float32.\n`,
        )
    })
}
