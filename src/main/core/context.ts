/** What every handler may use: the open project, the event bus and facts about the shell. */
import type { EventBus } from '../../shared/api/rpc'
import type { ShellKind } from '../../shared/api/features/app'
import type { ProjectRef } from '../../shared/api/features/project'
import type { ProjectStore } from '../db/store'
import type { RecentProjects } from '../runtime/recent'
import type { TrainingManager } from '../trainer/manager'
import type { ModelSuggester } from '../active/model-suggest'
import type { ScoringManager } from '../active/scoring'
import type { Retrainer } from '../active/retrain'

export interface CoreContext {
  /**
   * The project open now. The user can open another at any time, so read `ctx.store` when a call
   * runs; a store kept from an earlier call may have been closed.
   */
  readonly store: ProjectStore
  bus: EventBus
  shell: ShellKind
  recent: RecentProjects
  /** The trainer supervisor of the open project (replaced, after cancelling its run, on a switch). */
  readonly training: TrainingManager
  /** Tags open documents with the active model version. */
  suggester: ModelSuggester
  /** Background scoring of the pool for the queue (replaced with the project). */
  readonly scoring: ScoringManager
  /** Background retraining as labels accumulate (replaced with the project). */
  readonly retrainer: Retrainer
  /** Closes the open project and opens (or creates) another; emits project.changed { kind: 'project' }. */
  switchProject(path: string, options: { create: boolean }): ProjectRef
}
