import type { Handlers } from '../../../shared/api/rpc'
import { firstDocument, getDocument, listDocuments, setDocumentStatus } from '../../db/documents'
import { addSpan, deleteSpan, getSpan, relabelSpan } from '../../db/spans'
import type { CoreContext } from '../context'

type DocumentCalls =
  | 'documents.list'
  | 'documents.get'
  | 'documents.first'
  | 'documents.setStatus'
  | 'spans.add'
  | 'spans.delete'
  | 'spans.relabel'

export function documentHandlers(ctx: CoreContext): Pick<Handlers, DocumentCalls> {
  const { store, bus } = ctx
  const spansChanged = (documentId: number) => bus.emit('project.changed', { kind: 'spans', documentId })
  return {
    'documents.list': (q) => listDocuments(store.db, q),
    'documents.get': ({ id }) => getDocument(store.db, id),
    'documents.first': ({ status }) => firstDocument(store.db, status),
    'documents.setStatus': ({ id, status }) => {
      const view = store.transaction(() => {
        store.logEdit('documents.setStatus', { id, status })
        return setDocumentStatus(store.db, id, status)
      })
      bus.emit('project.changed', { kind: 'documents', documentId: id })
      return view
    },
    'spans.add': (input) => {
      const span = store.transaction(() => {
        const s = addSpan(store.db, input)
        store.logEdit('spans.add', { ...input, id: s.id })
        return s
      })
      spansChanged(input.documentId)
      return span
    },
    'spans.delete': ({ id }) => {
      const result = store.transaction(() => {
        const span = getSpan(store.db, id)
        store.logEdit('spans.delete', span)
        return { documentId: span.documentId, deleted: deleteSpan(store.db, id) }
      })
      spansChanged(result.documentId)
      return { deleted: result.deleted }
    },
    'spans.relabel': ({ id, label }) => {
      const span = store.transaction(() => {
        store.logEdit('spans.relabel', { id, label })
        return relabelSpan(store.db, id, label)
      })
      spansChanged(getSpan(store.db, id).documentId)
      return { id: span.id, start: span.start, end: span.end, label: span.label, source: span.source }
    },
  }
}
