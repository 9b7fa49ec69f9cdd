import { spawn } from 'node:child_process'
import type { Command } from 'commander'
import { UserError } from '../../../shared/api/errors'
import { createCore } from '../../core/core'
import { ensureDefaultProject } from '../../runtime/default-project'
import { rendererDir } from '../../runtime/paths'
import { startBrowserServer } from '../../server/server'
import { UsageError } from '../errors'

function openInBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
  spawn(cmd, [url], { detached: true, stdio: 'ignore' })
    .on('error', () => {})
    .unref()
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('browser mode: serve the app and its API on 127.0.0.1 only, with a per-run token')
    .option('--project <file>', 'the project file (default: the demo project in your data folder)')
    .option('--port <n>', 'port to listen on (default: any free port)')
    .option('--create', 'create the project file when it does not exist')
    .option('--open', 'open the URL in the default browser')
    .action(async (opts: { project?: string; port?: string; create?: boolean; open?: boolean }) => {
      const port = opts.port === undefined ? 0 : Number(opts.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port must be a whole number from 0 to 65535, not "${opts.port}".`)
      }
      const dir = rendererDir()
      if (!dir) throw new UserError('The app is not built yet: run "npm run build" first.')
      const projectPath = opts.project ?? ensureDefaultProject().path
      const core = createCore({ projectPath, shell: 'browser', create: opts.create ?? false })
      const server = await startBrowserServer({ core, rendererDir: dir, port })
      process.stdout.write(`NER Studio is serving ${core.ctx.store.name} at ${server.url}\n`)
      process.stdout.write('Press Ctrl+C to stop.\n')
      if (opts.open) openInBrowser(server.url)
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
          void server.close().then(() => {
            core.close()
            process.stdout.write('Stopped.\n')
            resolve()
          })
        }
        process.on('SIGINT', stop)
        process.on('SIGTERM', stop)
      })
    })
}
