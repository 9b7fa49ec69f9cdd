import type { Handlers } from '../../../shared/api/rpc'
import { projectStats } from '../../db/stats'
import type { CoreContext } from '../context'

export function projectHandlers(ctx: CoreContext): Pick<Handlers, 'project.stats' | 'project.backup'> {
  return {
    'project.stats': () => projectStats(ctx.store.db),
    'project.backup': ({ path }) => ctx.store.backup(path),
  }
}
