/**
 * Where things live on the user's machine: the data folder holding the default project, and the
 * app's bundled resources. Shared by the Electron shell, the CLI and browser mode so that all three
 * open the same default project.
 */
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** NER_STUDIO_HOME overrides the data folder (tests, portable installs). */
export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NER_STUDIO_HOME) return resolve(env.NER_STUDIO_HOME)
  const home = homedir()
  if (process.platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'NER Studio')
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'NER Studio')
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'ner-studio')
}

export function defaultProjectPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDataDir(env), 'projects', 'demo.nerproj')
}

/** The resources folder: next to the built code in development, in the app bundle when packaged. */
export function resourcesDir(): string {
  const candidates = [
    join(__dirname, '..', '..', 'resources'), // out/main -> repo root
    join(__dirname, '..', '..', '..', 'resources'), // src/main/runtime -> repo root (tests)
    // Packaged Electron apps put extra resources under process.resourcesPath.
    join((process as { resourcesPath?: string }).resourcesPath ?? '', 'resources'),
  ]
  for (const c of candidates) if (existsSync(join(c, 'demo'))) return c
  throw new Error('The resources folder of NER Studio is missing; reinstall the app.')
}

/** The built renderer (index.html and assets), served by browser mode. */
export function rendererDir(): string | null {
  const candidates = [join(__dirname, '..', 'renderer'), join(__dirname, '..', '..', '..', 'out', 'renderer')]
  for (const c of candidates) if (existsSync(join(c, 'index.html'))) return c
  return null
}
