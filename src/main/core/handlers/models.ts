import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { UserError } from '../../../shared/api/errors'
import type { Handlers } from '../../../shared/api/rpc'
import { exportProjectModel } from '../../export/fromProject'
import type { CoreContext } from '../context'

/** Folders this app exported to in this session: the only ones it will open in the file manager. */
const exported = new Set<string>()

export function openFolder(path: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
  spawn(cmd, [path], { detached: true, stdio: 'ignore' })
    .on('error', () => {})
    .unref()
}

export function modelHandlers(ctx: CoreContext): Pick<Handlers, 'models.export' | 'models.openFolder'> {
  return {
    'models.export': async ({ version, outDir, quantize, hf }) => {
      if (outDir !== undefined && !isAbsolute(outDir)) {
        throw new UserError(`The export folder must be a full path, not "${outDir}".`)
      }
      const target =
        outDir ??
        join(
          dirname(ctx.store.path),
          `${ctx.store.name}.exports`,
          `v${version}${quantize ? `-${quantize}` : ''}${hf ? '-hf' : ''}`,
        )
      ctx.bus.emit('models.exportProgress', { version, stage: quantize ? 'quantizing' : 'writing' })
      const result = await exportProjectModel({
        projectPath: ctx.store.path,
        version,
        outDir: target,
        ...(quantize ? { quantize } : {}),
        hf,
      })
      exported.add(resolve(target))
      ctx.bus.emit('models.exportProgress', { version, stage: 'done' })
      return {
        version,
        outDir: target,
        files: result.files,
        onnxBytes: result.onnxBytes,
        fp32Bytes: result.fp32Bytes,
        warnings: result.warnings,
        testF1: result.card.test?.micro.f1 ?? null,
      }
    },
    'models.openFolder': ({ path }) => {
      const target = resolve(path)
      if (!exported.has(target) || !existsSync(target)) {
        throw new UserError('Only a folder NER Studio exported to can be opened from here.')
      }
      if (ctx.shell === 'test') return { opened: false }
      openFolder(target)
      return { opened: true }
    },
  }
}
