// Installs ONNX Runtime's CUDA execution provider next to onnxruntime-node, so training can use an
// NVIDIA GPU. `npm ci` skips this on purpose (the files are large and come from outside npm).
//   npm run gpu:install            CUDA 12 build from NuGet, onnxruntime-node's own installer
//   npm run gpu:install -- --cuda13  CUDA 13 build, from the npm package that repackages it
// Afterwards the app and `ner-studio train` say whether CUDA loaded, and why not if it did not.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const ortDir = dirname(require.resolve('onnxruntime-node/package.json'))
const binDir = join(ortDir, 'bin', 'napi-v6', process.platform, process.arch)
const CUDA13_PACKAGE = 'com.github.asus4.onnxruntime.linux-x64-gpu@0.4.9'
const PROVIDER_FILES = ['libonnxruntime_providers_cuda.so', 'libonnxruntime_providers_shared.so']

if (process.platform === 'darwin') {
  console.log('ONNX Runtime has no CUDA provider for macOS; training uses the CPU there.')
  process.exit(0)
}

function findFiles(dir, names, found = new Map()) {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry)
    if (statSync(p).isDirectory()) findFiles(p, names, found)
    else if (names.includes(entry) && !found.has(entry)) found.set(entry, p)
  }
  return found
}

if (process.argv.includes('--cuda13')) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.error('The CUDA 13 package exists for Linux x64 only.')
    process.exit(1)
  }
  const work = mkdtempSync(join(tmpdir(), 'ner-studio-gpu-'))
  try {
    console.log(`Downloading ${CUDA13_PACKAGE} from the npm registry (about 230 MB)…`)
    execFileSync('npm', ['pack', CUDA13_PACKAGE, '--silent'], {
      cwd: work,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'))
    execFileSync('tar', ['-xzf', tgz], { cwd: work })
    const found = findFiles(work, PROVIDER_FILES)
    for (const name of PROVIDER_FILES) {
      if (!found.has(name)) throw new Error(`${CUDA13_PACKAGE} does not contain ${name}.`)
      copyFileSync(found.get(name), join(binDir, name))
      console.log(`Installed ${name}`)
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
} else {
  console.log('Fetching the CUDA 12 provider with onnxruntime-node’s installer (from NuGet)…')
  execFileSync(process.execPath, [join(ortDir, 'script', 'install')], {
    stdio: 'inherit',
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'cuda12' },
  })
}

const ok = existsSync(join(binDir, PROVIDER_FILES[0]))
console.log(
  ok
    ? 'The CUDA provider is installed. It also needs the CUDA runtime and cuDNN libraries of the matching major version on the library path.'
    : 'The CUDA provider was not installed; training will use the CPU.',
)
process.exit(ok ? 0 : 1)
