/** A seeded temporary project with its core and a typed client over the in-memory transport. */
import { createApiClient, createMemoryTransport, type Api } from '../../src/shared/api/rpc'
import { createCore, type Core } from '../../src/main/core/core'
import { tempProject, type TempProject } from './temp-project'

export interface ApiSession {
  project: TempProject
  core: Core
  api: Api
}

export function openApiSession(): ApiSession {
  const project = tempProject({ seed: true })
  const core = createCore({ projectPath: project.path, shell: 'test' })
  return { project, core, api: createApiClient(createMemoryTransport(core.dispatch, core.bus)) }
}

export function closeApiSession(s: ApiSession): void {
  s.core.close()
  s.project.cleanup()
}
