import type { Handlers } from '../../../shared/api/rpc'
import { createLabel, deleteLabel, listLabels, mergeLabels, updateLabel } from '../../db/labels'
import type { CoreContext } from '../context'

export function labelHandlers(
  ctx: CoreContext,
): Pick<Handlers, 'labels.list' | 'labels.create' | 'labels.update' | 'labels.merge' | 'labels.delete'> {
  const changed = () => ctx.bus.emit('project.changed', { kind: 'labels' })
  return {
    'labels.list': () => listLabels(ctx.store.db),
    'labels.create': (input) => {
      const label = ctx.store.transaction(() => createLabel(ctx.store.db, input))
      changed()
      return label
    },
    'labels.update': (input) => {
      const label = ctx.store.transaction(() => updateLabel(ctx.store.db, input))
      changed()
      return label
    },
    'labels.merge': ({ from, into }) => {
      const label = ctx.store.transaction(() => {
        ctx.store.logEdit('labels.merge', { from, into })
        return mergeLabels(ctx.store.db, from, into)
      })
      changed()
      return label
    },
    'labels.delete': ({ id }) => {
      const result = ctx.store.transaction(() => {
        ctx.store.logEdit('labels.delete', { id })
        return deleteLabel(ctx.store.db, id)
      })
      changed()
      return result
    },
  }
}
