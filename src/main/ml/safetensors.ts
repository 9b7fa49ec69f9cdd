/**
 * Reader and writer for the safetensors format (8-byte little-endian header length, JSON header
 * with dtype/shape/data_offsets per tensor and an optional string map "__metadata__", then the raw
 * little-endian data). Written here because the npm package "safetensors" is a single 0.0.1
 * release and @huggingface/hub only parses headers of remote files; the format is ~40 lines.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'

export type SafeDType = 'F32' | 'F64' | 'I64'

export interface SafeTensor {
  dtype: SafeDType
  shape: number[]
  data: Float32Array | Float64Array | BigInt64Array
}

const BYTES: Record<SafeDType, number> = { F32: 4, F64: 8, I64: 8 }

export function encodeSafetensors(
  tensors: Map<string, SafeTensor>,
  metadata: Record<string, string> = {},
): Buffer {
  const header: Record<string, unknown> = {}
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata
  let offset = 0
  const names = [...tensors.keys()].sort()
  for (const name of names) {
    const t = tensors.get(name)!
    const n = t.shape.reduce((a, b) => a * b, 1)
    if (n !== t.data.length)
      throw new Error(`Tensor ${name} has shape [${t.shape}] but ${t.data.length} values.`)
    const bytes = n * BYTES[t.dtype]
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] }
    offset += bytes
  }
  let json = JSON.stringify(header)
  // Pad so the data starts 8-byte aligned, as the reference implementation does.
  while ((8 + Buffer.byteLength(json)) % 8 !== 0) json += ' '
  const head = Buffer.from(json, 'utf8')
  const out = Buffer.alloc(8 + head.length + offset)
  out.writeBigUInt64LE(BigInt(head.length), 0)
  head.copy(out, 8)
  let pos = 8 + head.length
  for (const name of names) {
    const t = tensors.get(name)!
    const src = Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength)
    src.copy(out, pos)
    pos += src.length
  }
  return out
}

export function decodeSafetensors(
  buf: Buffer,
  where = 'safetensors file',
): {
  tensors: Map<string, SafeTensor>
  metadata: Record<string, string>
} {
  if (buf.length < 8) throw new Error(`${where} is too short to be a safetensors file.`)
  const n = Number(buf.readBigUInt64LE(0))
  if (8 + n > buf.length) throw new Error(`${where} has a header longer than the file.`)
  const header = JSON.parse(buf.subarray(8, 8 + n).toString('utf8')) as Record<string, unknown>
  const base = 8 + n
  const tensors = new Map<string, SafeTensor>()
  let metadata: Record<string, string> = {}
  for (const [name, v] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = v as Record<string, string>
      continue
    }
    const e = v as { dtype: string; shape: number[]; data_offsets: [number, number] }
    if (!(e.dtype in BYTES)) throw new Error(`${where}: tensor ${name} has unsupported dtype ${e.dtype}.`)
    const dtype = e.dtype as SafeDType
    const [a, b] = e.data_offsets
    const bytes = buf.subarray(base + a, base + b)
    const copy = new ArrayBuffer(bytes.length)
    new Uint8Array(copy).set(bytes)
    const data =
      dtype === 'F32'
        ? new Float32Array(copy)
        : dtype === 'F64'
          ? new Float64Array(copy)
          : new BigInt64Array(copy)
    tensors.set(name, { dtype, shape: e.shape, data })
  }
  return { tensors, metadata }
}

/** Writes atomically (temp file + rename) so a crash never leaves a half-written checkpoint. */
export function writeSafetensors(
  path: string,
  tensors: Map<string, SafeTensor>,
  metadata: Record<string, string> = {},
): void {
  const tmp = `${path}.tmp`
  writeFileSync(tmp, encodeSafetensors(tensors, metadata))
  renameSync(tmp, path)
}

export function readSafetensors(path: string): ReturnType<typeof decodeSafetensors> {
  return decodeSafetensors(readFileSync(path), path)
}
