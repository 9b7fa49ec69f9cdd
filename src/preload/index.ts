/**
 * The preload: exposes one object, the API transport, to the sandboxed renderer. It is built as
 * CommonJS because a sandboxed preload cannot be an ES module. No other Electron or Node API crosses.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ClientTransport, Envelope, EventListener } from '../shared/api/rpc'

const transport: ClientTransport = {
  invoke: (name: string, input: unknown) =>
    ipcRenderer.invoke('api:invoke', name, input) as Promise<Envelope>,
  subscribe: (listener: EventListener) => {
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload)
    ipcRenderer.on('api:event', handler)
    return () => {
      ipcRenderer.removeListener('api:event', handler)
    }
  },
}

contextBridge.exposeInMainWorld('nerStudio', transport satisfies ClientTransport)
