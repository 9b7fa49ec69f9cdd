/**
 * The Electron shell, kept thin: open the default project through the core, bridge the API over IPC,
 * show the window. Everything else lives in the core so it also runs in the CLI and browser mode.
 */
import { app, BrowserWindow, dialog } from 'electron'
import { createCore, type Core } from '../core/core'
import { ensureDefaultProject } from '../runtime/default-project'
import { registerIpc } from './ipc'
import { createMainWindow } from './window'

let core: Core | null = null

async function start(): Promise<void> {
  await app.whenReady()
  try {
    const projectPath = process.env.NER_STUDIO_PROJECT ?? ensureDefaultProject().path
    core = createCore({ projectPath, shell: 'electron' })
  } catch (err) {
    dialog.showErrorBox(
      'NER Studio could not open the project',
      err instanceof Error ? err.message : String(err),
    )
    app.exit(1)
    return
  }
  registerIpc(core)
  createMainWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
  })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
app.on('will-quit', () => core?.close())

void start()
