import type { Handlers } from '../../../shared/api/rpc'
import { activateModel, listModels } from '../../db/models'
import type { CoreContext } from '../context'

type TrainingCalls =
  'training.start' | 'training.cancel' | 'training.status' | 'models.list' | 'models.activate'

export function trainingHandlers(ctx: CoreContext): Pick<Handlers, TrainingCalls> {
  return {
    'training.start': async (settings) => {
      const { runId } = await ctx.training.start(settings)
      return { runId }
    },
    'training.cancel': async () => ({ cancelled: await ctx.training.cancel() }),
    'training.status': () => ctx.training.getStatus(),
    'models.list': () => listModels(ctx.store.db),
    'models.activate': ({ version }) => {
      const model = ctx.store.transaction(() => activateModel(ctx.store.db, version))
      ctx.bus.emit('project.changed', { kind: 'models' })
      return model
    },
  }
}
