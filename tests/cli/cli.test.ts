/** The built `ner-studio` command, run as a user runs it: a child process with exit codes. */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempProject, type TempProject } from '../helpers/temp-project'

const root = resolve(__dirname, '..', '..')
const bin = join(root, 'bin', 'ner-studio.cjs')
const built = existsSync(join(root, 'out', 'main', 'cli.js'))

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } })
}

describe.skipIf(!built)('ner-studio CLI (built; run "npm run build" first)', () => {
  let project: TempProject
  beforeAll(() => {
    project = tempProject({ seed: true })
  })
  afterAll(() => project.cleanup())

  it('prints its version and lists only commands that exist', () => {
    const version = run(['--version'])
    expect(version.status).toBe(0)
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
    const help = run(['--help'])
    expect(help.status).toBe(0)
    const listed = [...help.stdout.matchAll(/^ {2}(\S+) \[options\]/gm)].map((m) => m[1])
    expect(listed).toEqual(expect.arrayContaining(['serve', 'stats']))
  })

  it('prints stats as a table and as JSON', () => {
    const text = run(['stats', '--project', project.path])
    expect(text.status).toBe(0)
    expect(text.stdout).toMatch(/^test: 320 documents, \d+ tokens, 364 spans, 0 models/)
    const json = run(['stats', '--project', project.path, '--json'])
    const stats = JSON.parse(json.stdout)
    expect(stats.bySplit).toMatchObject({ train: 280, dev: 40 })
    expect(stats.spansPerLabel).toEqual({ DATE: 56, LOC: 94, ORG: 116, PER: 98 })
  })

  it('exits 1 with one sentence on a user error and 2 on bad usage', () => {
    const notProject = run(['stats', '--project', join(root, 'package.json')])
    expect(notProject.status).toBe(1)
    expect(notProject.stderr.trim()).toBe(
      'package.json is not a NER Studio project: it is not an SQLite database.',
    )
    const missingOption = run(['stats'])
    expect(missingOption.status).toBe(2)
    expect(missingOption.stderr).toMatch(/required option '--project <file>'/)
    const badPort = run(['serve', '--project', project.path, '--port', 'eighty'])
    expect(badPort.status).toBe(2)
    expect(badPort.stderr.trim()).toBe('--port must be a whole number from 0 to 65535, not "eighty".')
  })

  it('imports a BMES file with the scheme named as Chinese corpora spell it, and refuses an unknown one', () => {
    const file = join(project.dir, 'resume.bmes')
    writeFileSync(file, '王 B-NAME\n小 M-NAME\n明 E-NAME\n在 O\n京 S-LOC\n\n')
    const target = join(project.dir, 'zh.nerproj')
    const ok = run(['import', '--project', target, file, '--scheme', 'BMES', '--json'])
    expect(ok.status).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({ documents: 1, spansPerLabel: { NAME: 1, LOC: 1 } })
    const bad = run(['import', '--project', target, file, '--scheme', 'BILUO2'])
    expect(bad.status).toBe(2)
    expect(bad.stderr.trim()).toBe(
      '--scheme must be iob1, iob2 (BIO) or bioes (IOBES, BMES, BILOU), not "BILUO2".',
    )
  })

  it('backs a project up to a file that opens as the same project', () => {
    const out = join(project.dir, 'copy.nerproj')
    const r = run(['backup', '--project', project.path, '--out', out, '--json'])
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout).path).toBe(out)
    const stats = JSON.parse(run(['stats', '--project', out, '--json']).stdout)
    expect(stats.documents).toBe(320)
    const again = run(['backup', '--project', project.path, '--out', out])
    expect(again.status).toBe(1)
    expect(again.stderr).toMatch(/already exists/)
  })

  it('serve prints a loopback URL with a token, answers with it, and stops cleanly on Ctrl+C', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--project', project.path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.setEncoding('utf8')
    const url = await new Promise<string>((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000)
      child.stdout.on('data', (c: string) => {
        out += c
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out)
        if (m) {
          clearTimeout(timer)
          resolvePromise(m[1]!)
        }
      })
    })
    const u = new URL(url)
    const token = u.searchParams.get('token')!
    const ok = await fetch(`${u.origin}/api/call/app.info`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: '{}',
    })
    expect(((await ok.json()) as { result: { shell: string } }).result.shell).toBe('browser')
    const page = await fetch(`${u.origin}/`)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    const denied = await fetch(`${u.origin}/api/call/app.info`, { method: 'POST', body: '{}' })
    expect(denied.status).toBe(401)
    const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
    child.kill('SIGINT')
    expect(await exit).toBe(0)
    expect(out).toContain('Stopped.')
  })
})
