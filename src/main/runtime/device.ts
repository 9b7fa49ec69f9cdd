/**
 * Which execution provider training will use on "auto", and why. The CUDA provider ships separately
 * from onnxruntime-node (its installer fetches it; `npm run gpu:install` does that on demand), so the
 * first question is whether its library is present at all; the trainer confirms by creating a session.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { DeviceInfo } from '../../shared/api/features/app'

const requireFromHere = createRequire(__filename)

/** The folder holding onnxruntime-node's native binding for this platform. */
export function onnxRuntimeBinDir(): string | null {
  try {
    const pkgDir = dirname(requireFromHere.resolve('onnxruntime-node/package.json'))
    return join(pkgDir, 'bin', 'napi-v6', process.platform, process.arch)
  } catch {
    return null
  }
}

export function cudaProviderLibrary(): string | null {
  const dir = onnxRuntimeBinDir()
  if (!dir) return null
  const name =
    process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so'
  return join(dir, name)
}

export function detectDevice(): DeviceInfo {
  if (process.platform === 'darwin') {
    return { provider: 'cpu', reason: 'Training uses the CPU: ONNX Runtime has no CUDA support on macOS.' }
  }
  const lib = cudaProviderLibrary()
  if (!lib || !existsSync(lib)) {
    return {
      provider: 'cpu',
      reason:
        'Training uses the CPU: the CUDA provider of ONNX Runtime is not installed (run "npm run gpu:install" on a machine with an NVIDIA GPU and internet access).',
    }
  }
  return {
    provider: 'cuda',
    reason:
      'Training will use CUDA: the CUDA provider is installed; if it fails to load, training falls back to the CPU and says why.',
  }
}
