import type { Handlers } from '../../../shared/api/rpc'
import { createLabel, listLabels, updateLabel } from '../../db/labels'
import type { CoreContext } from '../context'

export function labelHandlers(
  ctx: CoreContext,
): Pick<Handlers, 'labels.list' | 'labels.create' | 'labels.update'> {
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
  }
}
