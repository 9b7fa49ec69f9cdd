import { existsSync, statSync } from 'node:fs'
import { dirname, extname, isAbsolute, resolve, sep } from 'node:path'
import { UserError } from '../../../shared/api/errors'
import type { RecentProject } from '../../../shared/api/features/project'
import type { Handlers } from '../../../shared/api/rpc'
import { projectStats } from '../../db/stats'
import { projectName } from '../../runtime/recent'
import type { CoreContext } from '../context'

type ProjectCalls = 'project.stats' | 'project.backup' | 'project.open' | 'project.create' | 'project.recent'

/** The UI runs in another process (or a browser), so a relative path would mean nothing to the user. */
function fullPath(path: string): string {
  if (!isAbsolute(path)) {
    throw new UserError(`${path} is not a full path; give the whole path of the project file.`, 'path')
  }
  return resolve(path)
}

function newProjectPath(path: string): string {
  const full = fullPath(path)
  const withExt = extname(full) === '' ? `${full}.nerproj` : full
  const folder = dirname(withExt)
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UserError(`The folder ${folder} does not exist; create it first or choose another.`, 'path')
  }
  if (existsSync(withExt)) {
    throw new UserError(`${withExt} already exists; open it instead, or choose another name.`, 'path')
  }
  return withExt
}

export function projectHandlers(ctx: CoreContext): Pick<Handlers, ProjectCalls> {
  return {
    'project.stats': () => projectStats(ctx.store.db),
    'project.backup': ({ path }) => ctx.store.backup(path),
    'project.open': ({ path }) => ctx.switchProject(fullPath(path), { create: false }),
    'project.create': ({ path }) => ctx.switchProject(newProjectPath(path), { create: true }),
    'project.recent': () => {
      const current = resolve(ctx.store.path)
      const entries = ctx.recent.list()
      const items: RecentProject[] = entries.map((e) => ({
        path: e.path,
        name: projectName(e.path),
        openedAt: e.openedAt,
        exists: existsSync(e.path),
        current: e.path === current,
      }))
      if (!items.some((i) => i.current)) {
        items.unshift({
          path: current,
          name: projectName(current),
          openedAt: null,
          exists: true,
          current: true,
        })
      }
      return {
        current: { path: current, name: projectName(current) },
        folder: dirname(current),
        separator: sep,
        items,
      }
    },
  }
}
