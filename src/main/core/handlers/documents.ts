import type { Handlers } from '../../../shared/api/rpc'
import { firstDocument, getDocument, listDocuments, setDocumentStatus } from '../../db/documents'
import { firstInQueue, withQueueNavigation } from '../../db/queue'
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
  const { bus } = ctx
  const spansChanged = (documentId: number) => bus.emit('project.changed', { kind: 'spans', documentId })
  // The open project can change between calls: always the current store, never one kept from before.
  const db = () => ctx.store.db
  return {
    'documents.list': (q) => listDocuments(db(), q),
    'documents.get': ({ id }) => withQueueNavigation(db(), getDocument(db(), id)),
    'documents.first': ({ status }) => {
      // The labelling queue (documents to do) follows the chosen strategy; other views use import order.
      if (status === 'todo') {
        const id = firstInQueue(db())
        return id === null ? null : withQueueNavigation(db(), getDocument(db(), id))
      }
      return firstDocument(db(), status)
    },
    'documents.setStatus': ({ id, status }) => {
      const view = ctx.store.transaction(() => {
        ctx.store.logEdit('documents.setStatus', { id, status })
        return withQueueNavigation(db(), setDocumentStatus(db(), id, status))
      })
      bus.emit('project.changed', { kind: 'documents', documentId: id })
      if (status === 'done') ctx.retrainer.noteDone()
      return view
    },
    'spans.add': (input) => {
      const span = ctx.store.transaction(() => {
        const s = addSpan(db(), input)
        ctx.store.logEdit('spans.add', { ...input, id: s.id })
        return s
      })
      spansChanged(input.documentId)
      return span
    },
    'spans.delete': ({ id }) => {
      const result = ctx.store.transaction(() => {
        const span = getSpan(db(), id)
        ctx.store.logEdit('spans.delete', span)
        return { documentId: span.documentId, deleted: deleteSpan(db(), id) }
      })
      spansChanged(result.documentId)
      return { deleted: result.deleted }
    },
    'spans.relabel': ({ id, label }) => {
      const span = ctx.store.transaction(() => {
        ctx.store.logEdit('spans.relabel', { id, label })
        return relabelSpan(db(), id, label)
      })
      spansChanged(getSpan(db(), id).documentId)
      return { id: span.id, start: span.start, end: span.end, label: span.label, source: span.source }
    },
  }
}
