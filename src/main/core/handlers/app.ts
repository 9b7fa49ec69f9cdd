import type { Handlers } from '../../../shared/api/rpc'
import { detectDevice } from '../../runtime/device'
import { APP_VERSION } from '../../runtime/version'
import type { CoreContext } from '../context'

export function appHandlers(ctx: CoreContext): Pick<Handlers, 'app.info'> {
  return {
    'app.info': () => ({
      version: APP_VERSION,
      shell: ctx.shell,
      projectPath: ctx.store.path,
      projectName: ctx.store.name,
      device: detectDevice(),
    }),
  }
}
