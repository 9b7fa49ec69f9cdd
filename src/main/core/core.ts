/**
 * The core, assembled: one open project, its handlers and its event bus. Electron main, the CLI and
 * the browser-mode server each create one of these and put their own transport in front of it.
 */
import { createDispatcher, EventBus, type Dispatch, type Handlers } from '../../shared/api/rpc'
import type { ShellKind } from '../../shared/api/features/app'
import { ProjectStore } from '../db/store'
import type { CoreContext } from './context'
import { appHandlers } from './handlers/app'
import { dataHandlers } from './handlers/data'
import { documentHandlers } from './handlers/documents'
import { labelHandlers } from './handlers/labels'
import { projectHandlers } from './handlers/project'

export interface Core {
  ctx: CoreContext
  dispatch: Dispatch
  bus: EventBus
  close(): void
}

export function createHandlers(ctx: CoreContext): Handlers {
  return {
    ...appHandlers(ctx),
    ...projectHandlers(ctx),
    ...labelHandlers(ctx),
    ...documentHandlers(ctx),
    ...dataHandlers(ctx),
  }
}

export interface CoreOptions {
  projectPath: string
  shell: ShellKind
  create?: boolean
  /** Where unexpected errors are reported (they reach the user only as a generic sentence). */
  log?: (message: string) => void
}

export function createCore(options: CoreOptions): Core {
  const store = ProjectStore.open(options.projectPath, { create: options.create ?? false })
  const bus = new EventBus()
  const ctx: CoreContext = { store, bus, shell: options.shell }
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`))
  const dispatch = createDispatcher(createHandlers(ctx), (name, err) =>
    log(`[${name}] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  )
  return { ctx, dispatch, bus, close: () => store.close() }
}
