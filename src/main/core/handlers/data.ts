import { UserError } from '../../../shared/api/errors'
import type { Handlers } from '../../../shared/api/rpc'
import { exportDocuments } from '../../data/export'
import { importContentsLive } from '../../data/import'
import type { CoreContext } from '../context'

const EXTENSIONS = { conll: 'conll', spacy: 'jsonl', doccano: 'jsonl', hf: 'jsonl', txt: 'txt' } as const

export function dataHandlers(ctx: CoreContext): Pick<Handlers, 'data.import' | 'data.export'> {
  // One import at a time: a second would wait on the first's write lock and then fail.
  let importing = false
  return {
    'data.import': async ({ files, ...request }) => {
      if (importing) throw new UserError('An import is already running; wait for it to finish.')
      const decoded = files.map((f) => ({
        name: f.name,
        content: new Uint8Array(Buffer.from(f.contentBase64, 'base64')),
      }))
      importing = true
      let summary
      try {
        summary = await importContentsLive(ctx.store.path, decoded, request, (phase, done, total) =>
          ctx.bus.emit('data.importProgress', { phase, done, total }),
        )
      } finally {
        importing = false
      }
      ctx.bus.emit('project.changed', { kind: 'documents' })
      return summary
    },
    'data.export': ({ format, scheme, split, status }) => {
      const result = exportDocuments(ctx.store, { format, scheme, split, status })
      const parts = [ctx.store.name, split, status, format === 'conll' ? (scheme ?? 'iob2') : format].filter(
        Boolean,
      )
      return {
        fileName: `${parts.join('-')}.${EXTENSIONS[format]}`,
        content: result.content,
        documents: result.report.documents,
        spans: result.report.spans,
        skippedSpans: result.report.skippedSpans,
        warnings: result.report.warnings,
      }
    },
  }
}
