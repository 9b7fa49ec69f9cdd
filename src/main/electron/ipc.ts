/**
 * The Electron transport of the API contract: one invoke channel answered by the core's dispatcher
 * (which validates every input) and one event channel fed from the core's bus.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import type { Core } from '../core/core'

export const INVOKE_CHANNEL = 'api:invoke'
export const EVENT_CHANNEL = 'api:event'

function fromOurWindow(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? ''
  return url.startsWith('file://') || url.startsWith(process.env.ELECTRON_RENDERER_URL ?? '\u0000')
}

export function registerIpc(core: Core): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, input: unknown) => {
    if (!fromOurWindow(event)) {
      return { ok: false, error: { code: 'unauthorized', message: 'Requests from other pages are refused.' } }
    }
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'invalid_input', message: 'The call name must be a string.' } }
    }
    return core.dispatch(name, input)
  })
  const unsubscribe = core.bus.subscribe((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT_CHANNEL, name, payload)
  })
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL)
    unsubscribe()
  }
}
