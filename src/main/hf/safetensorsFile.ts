/**
 * Reading a downloaded model.safetensors defensively: the header is checked before any data is
 * trusted (length, JSON, dtypes, offsets inside the file, offsets matching the shape), so a
 * truncated download or a foreign file is a sentence for the user, not a crash. Half-precision
 * checkpoints (F16, BF16) are widened to float32, which is what our graphs train in.
 */
import { readFileSync } from 'node:fs'
import { UserError } from '../../shared/api/errors'

export interface HeaderEntry {
  dtype: string
  shape: number[]
  data_offsets: [number, number]
}

const BYTES: Record<string, number> = {
  F32: 4,
  F16: 2,
  BF16: 2,
  F64: 8,
  I64: 8,
  I32: 4,
  U8: 1,
  I8: 1,
  BOOL: 1,
}

export function parseHeader(buf: Buffer, where: string): { header: Map<string, HeaderEntry>; base: number } {
  const bad = (why: string) =>
    new UserError(`${where} is not a valid safetensors file (${why}); download it again.`)
  if (buf.length < 8) throw bad('it is shorter than the 8-byte header length')
  const n = Number(buf.readBigUInt64LE(0))
  if (n < 2 || 8 + n > buf.length) throw bad(`the header length ${n} does not fit in ${buf.length} bytes`)
  let json: unknown
  try {
    json = JSON.parse(buf.subarray(8, 8 + n).toString('utf8'))
  } catch {
    throw bad('the header is not JSON')
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw bad('the header is not an object')
  const base = 8 + n
  const header = new Map<string, HeaderEntry>()
  for (const [name, v] of Object.entries(json as Record<string, unknown>)) {
    if (name === '__metadata__') continue
    const e = v as Partial<HeaderEntry>
    if (typeof e?.dtype !== 'string' || !Array.isArray(e.shape) || !Array.isArray(e.data_offsets))
      throw bad(`tensor ${name} lacks dtype, shape or data_offsets`)
    const size = BYTES[e.dtype]
    if (size === undefined) throw bad(`tensor ${name} has unknown dtype ${e.dtype}`)
    const [a, b] = e.data_offsets
    const count = e.shape.reduce((x, y) => x * y, 1)
    if (!Number.isInteger(a) || !Number.isInteger(b) || a! < 0 || b! < a! || base + b! > buf.length)
      throw bad(`tensor ${name} has data outside the file`)
    if (b! - a! !== count * size) throw bad(`tensor ${name} has ${b! - a!} bytes for shape [${e.shape}]`)
    header.set(name, e as HeaderEntry)
  }
  return { header, base }
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1
  const e = (h >> 10) & 0x1f
  const f = h & 0x3ff
  if (e === 0) return s * 2 ** -14 * (f / 1024)
  if (e === 31) return f ? NaN : s * Infinity
  return s * 2 ** (e - 15) * (1 + f / 1024)
}

/** The float tensors of a file as float32 (integer tensors such as position_ids are skipped). */
export function readFloatTensors(path: string): {
  tensors: Map<string, { shape: number[]; data: Float32Array }>
  dtypes: Set<string>
} {
  const buf = readFileSync(path)
  const { header, base } = parseHeader(buf, path)
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>()
  const dtypes = new Set<string>()
  for (const [name, e] of header) {
    const bytes = buf.subarray(base + e.data_offsets[0], base + e.data_offsets[1])
    const n = e.shape.reduce((x, y) => x * y, 1)
    let data: Float32Array
    if (e.dtype === 'F32') {
      data = new Float32Array(n)
      new Uint8Array(data.buffer).set(bytes)
    } else if (e.dtype === 'F16' || e.dtype === 'BF16') {
      data = new Float32Array(n)
      const u32 = new Uint32Array(data.buffer)
      for (let i = 0; i < n; i++) {
        const h = bytes.readUInt16LE(2 * i)
        if (e.dtype === 'BF16') u32[i] = h << 16
        else data[i] = halfToFloat(h)
      }
    } else if (e.dtype === 'F64') {
      data = Float32Array.from({ length: n }, (_, i) => bytes.readDoubleLE(8 * i))
    } else continue
    dtypes.add(e.dtype)
    tensors.set(name, { shape: e.shape, data })
  }
  return { tensors, dtypes }
}
