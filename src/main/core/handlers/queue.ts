import type { Handlers } from '../../../shared/api/rpc'
import type { QueueStatus } from '../../../shared/api/features/queue'
import { queueIds, queueScore, queueStrategy, setQueueStrategy } from '../../db/queue'
import { setSetting } from '../../db/settings'
import type { CoreContext } from '../context'

function status(ctx: CoreContext): QueueStatus {
  const db = ctx.store.db
  const counts = db
    .prepare(
      `SELECT count(*) AS todo, count(q.document_id) AS scored FROM documents d
       LEFT JOIN queue_scores q ON q.document_id = d.id AND q.model_id = (SELECT id FROM models WHERE active = 1)
       WHERE d.status = 'todo'`,
    )
    .get() as { todo: number; scored: number }
  return { strategy: queueStrategy(db), ...counts, scoring: ctx.scoring.getState() }
}

export function queueHandlers(
  ctx: CoreContext,
): Pick<Handlers, 'queue.status' | 'queue.setStrategy' | 'queue.score' | 'queue.list'> {
  return {
    'queue.status': () => status(ctx),
    'queue.list': ({ limit }) => {
      const db = ctx.store.db
      const preview = db.prepare('SELECT substr(text, 1, 160) AS preview FROM documents WHERE id = ?')
      return queueIds(db, limit).map((id) => ({
        id,
        preview: (preview.get(id) as { preview: string }).preview,
        score: queueScore(db, id),
      }))
    },
    'queue.setStrategy': ({ strategy, seed }) => {
      ctx.store.transaction(() => {
        setQueueStrategy(ctx.store.db, strategy)
        if (seed !== undefined) setSetting(ctx.store.db, 'queue.seed', seed)
      })
      ctx.bus.emit('project.changed', { kind: 'documents' })
      return status(ctx)
    },
    'queue.score': () => {
      void ctx.scoring.start()
      return { started: ctx.scoring.getState().running }
    },
  }
}
