/**
 * The core, assembled: one open project, its handlers and its event bus. Electron main, the CLI and
 * the browser-mode server each create one of these and put their own transport in front of it. The
 * open project can be switched; handlers reach it through the context at call time.
 */
import { resolve } from 'node:path'
import { createDispatcher, EventBus, type Dispatch, type Handlers } from '../../shared/api/rpc'
import type { ShellKind } from '../../shared/api/features/app'
import { ProjectStore } from '../db/store'
import { defaultRecentFile, projectName, RecentProjects } from '../runtime/recent'
import type { CoreContext } from './context'
import { appHandlers } from './handlers/app'
import { dataHandlers } from './handlers/data'
import { documentHandlers } from './handlers/documents'
import { labelHandlers } from './handlers/labels'
import { modelHandlers } from './handlers/models'
import { patternHandlers } from './handlers/patterns'
import { projectHandlers } from './handlers/project'
import { queueHandlers } from './handlers/queue'
import { suggestionHandlers } from './handlers/suggestions'
import { trainingHandlers } from './handlers/training'
import { TrainingManager } from '../trainer/manager'
import { ModelSuggester } from '../active/model-suggest'
import { ScoringManager } from '../active/scoring'
import { Retrainer } from '../active/retrain'

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
    ...trainingHandlers(ctx),
    ...suggestionHandlers(ctx),
    ...patternHandlers(ctx),
    ...queueHandlers(ctx),
    ...modelHandlers(ctx),
  }
}

export interface CoreOptions {
  projectPath: string
  shell: ShellKind
  create?: boolean
  /** Where unexpected errors are reported (they reach the user only as a generic sentence). */
  log?: (message: string) => void
  /**
   * The JSON file listing recently opened projects; null keeps no list. Defaults to the user's data
   * folder, except for the test shell, which must not touch it.
   */
  recentFile?: string | null
}

export function createCore(options: CoreOptions): Core {
  let store = ProjectStore.open(options.projectPath, { create: options.create ?? false })
  const bus = new EventBus()
  let training = new TrainingManager(store, bus)
  let scoring = new ScoringManager(store, bus)
  let retrainer = new Retrainer(store, bus, training, scoring)
  const recent = new RecentProjects(
    options.recentFile !== undefined
      ? options.recentFile
      : options.shell === 'test'
        ? null
        : defaultRecentFile(),
  )
  const ctx: CoreContext = {
    get store() {
      return store
    },
    get training() {
      return training
    },
    get scoring() {
      return scoring
    },
    get retrainer() {
      return retrainer
    },
    suggester: new ModelSuggester(),
    bus,
    shell: options.shell,
    recent,
    switchProject(path, { create }) {
      const target = resolve(path)
      if (target !== resolve(store.path)) {
        // Open the new project first: when it cannot be opened, the old one stays open and usable.
        const next = ProjectStore.open(target, { create })
        const previous = store
        retrainer.dispose()
        training.dispose()
        scoring.stop()
        store = next
        training = new TrainingManager(next, bus)
        scoring = new ScoringManager(next, bus)
        retrainer = new Retrainer(next, bus, training, scoring)
        previous.close()
        recent.add(previous.path)
        recent.add(next.path)
        bus.emit('project.changed', { kind: 'project' })
      }
      return { path: store.path, name: projectName(store.path) }
    },
  }
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`))
  const dispatch = createDispatcher(createHandlers(ctx), (name, err) =>
    log(`[${name}] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  )
  return {
    ctx,
    dispatch,
    bus,
    close: () => {
      retrainer.dispose()
      training.dispose()
      scoring.stop()
      void ctx.suggester.dispose()
      store.close()
    },
  }
}
