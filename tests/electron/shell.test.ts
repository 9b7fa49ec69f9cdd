/**
 * The Electron shell cannot start here (no Electron binary), so electron is mocked and the shell's
 * choices are checked: a sandboxed, isolated renderer with a CommonJS preload that a sandbox can load.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'

const created: { options: Record<string, unknown> }[] = []

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { setWindowOpenHandler: vi.fn(), on: vi.fn(), getURL: () => '', send: vi.fn() }
    constructor(options: Record<string, unknown>) {
      created.push({ options })
    }
    once = vi.fn()
    loadFile = vi.fn(async () => undefined)
    loadURL = vi.fn(async () => undefined)
    static getAllWindows = () => []
  }
  return {
    BrowserWindow,
    shell: { openExternal: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  }
})

const root = resolve(__dirname, '..', '..')

describe('Electron shell', () => {
  it('creates the window with context isolation, a sandbox and no Node integration', async () => {
    const { createMainWindow } = await import('../../src/main/electron/window')
    createMainWindow()
    const prefs = created[0]!.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    })
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/)
  })

  it('routes IPC calls through the validating dispatcher and refuses foreign frames', async () => {
    const { ipcMain } = await import('electron')
    const { registerIpc } = await import('../../src/main/electron/ipc')
    const dispatch = vi.fn(async () => ({ ok: true as const, result: 42 }))
    registerIpc({ dispatch, bus: { subscribe: () => () => {} } } as never)
    const handler = vi.mocked(ipcMain.handle).mock.calls[0]![1] as (...a: unknown[]) => Promise<unknown>
    expect(await handler({ senderFrame: { url: 'file:///app/index.html' } }, 'project.stats', {})).toEqual({
      ok: true,
      result: 42,
    })
    expect(
      await handler({ senderFrame: { url: 'https://evil.example/' } }, 'project.stats', {}),
    ).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    })
    expect(dispatch).toHaveBeenCalledTimes(1)
  })

  it.skipIf(!existsSync(join(root, 'out', 'preload', 'index.cjs')))(
    'builds the preload as CommonJS exposing one object',
    () => {
      const preload = readFileSync(join(root, 'out', 'preload', 'index.cjs'), 'utf8')
      expect(preload).toMatch(/require\("electron"\)/)
      expect(preload).not.toMatch(/^\s*import\s/m)
      expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1)
    },
  )
})
