/** Calls about the running app: version, open project, compute device. */
import { z } from 'zod'
import { call } from '../define'

export type ShellKind = 'electron' | 'browser' | 'test'

export interface DeviceInfo {
  /** What training will use when the user picks "auto". */
  provider: 'cpu' | 'cuda'
  /** A sentence saying why, shown in the app and printed by the CLI. */
  reason: string
}

export interface AppInfo {
  version: string
  shell: ShellKind
  projectPath: string
  projectName: string
  device: DeviceInfo
}

export const appCalls = {
  'app.info': call<AppInfo>()(z.object({}).strict(), 'Version, open project and compute device.'),
}
