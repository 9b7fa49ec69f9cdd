/** What every handler may use: the open project, the event bus and facts about the shell. */
import type { EventBus } from '../../shared/api/rpc'
import type { ShellKind } from '../../shared/api/features/app'
import type { ProjectStore } from '../db/store'

export interface CoreContext {
  store: ProjectStore
  bus: EventBus
  shell: ShellKind
}
