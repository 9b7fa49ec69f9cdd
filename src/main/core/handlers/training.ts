import type { Handlers } from '../../../shared/api/rpc'
import { doneSinceActiveModel, retrainPolicy } from '../../active/retrain'
import { activateModel, listModels } from '../../db/models'
import { resolveModelOption } from '../../hf/modelOption'
import { setSetting } from '../../db/settings'
import type { CoreContext } from '../context'

type TrainingCalls =
  | 'training.start'
  | 'training.cancel'
  | 'training.status'
  | 'models.list'
  | 'models.activate'
  | 'training.retrainPolicy'
  | 'training.setRetrainPolicy'
  | 'training.retrainNow'

export function trainingHandlers(ctx: CoreContext): Pick<Handlers, TrainingCalls> {
  const policy = () => ({ ...retrainPolicy(ctx.store), doneSinceModel: doneSinceActiveModel(ctx.store) })
  return {
    'training.retrainPolicy': () => policy(),
    'training.setRetrainPolicy': ({ auto, every }) => {
      ctx.store.transaction(() => setSetting(ctx.store.db, 'al.retrain', { auto, every }))
      return policy()
    },
    'training.retrainNow': () => {
      void ctx.retrainer.request()
      return { requested: true as const }
    },
    'training.start': async (settings) => {
      // A folder is checked and a Hub id downloaded (with progress) before a run is recorded.
      const model =
        settings.model === 'scratch'
          ? settings.model
          : await resolveModelOption(settings.model, {
              onProgress: (file, done, total) =>
                ctx.bus.emit('training.download', { model: settings.model, file, done, total }),
            })
      const { runId } = await ctx.training.start({ ...settings, model })
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
