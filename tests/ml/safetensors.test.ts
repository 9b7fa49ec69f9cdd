import { describe, expect, it } from 'vitest'
import { decodeSafetensors, encodeSafetensors } from '../../src/main/ml/safetensors'

describe('safetensors', () => {
  it('writes the documented layout and reads it back', () => {
    const a = Float32Array.from([1.5, -2, 3.25, 0, 7, 8])
    const b = BigInt64Array.from([1n, -5n])
    const buf = encodeSafetensors(
      new Map([
        ['w', { dtype: 'F32', shape: [2, 3], data: a }],
        ['ids', { dtype: 'I64', shape: [2], data: b }],
      ]),
      { format: 'pt' },
    )
    const n = Number(buf.readBigUInt64LE(0))
    expect((8 + n) % 8).toBe(0)
    const header = JSON.parse(buf.subarray(8, 8 + n).toString())
    expect(header.__metadata__).toEqual({ format: 'pt' })
    expect(header.w).toEqual({ dtype: 'F32', shape: [2, 3], data_offsets: [16, 40] })
    expect(header.ids.data_offsets).toEqual([0, 16])
    expect(buf.length).toBe(8 + n + 40)
    expect(buf.readFloatLE(8 + n + 16 + 8)).toBe(3.25)
    const back = decodeSafetensors(buf)
    expect(Array.from(back.tensors.get('w')!.data as Float32Array)).toEqual(Array.from(a))
    expect(Array.from(back.tensors.get('ids')!.data as BigInt64Array)).toEqual([1n, -5n])
    expect(back.metadata.format).toBe('pt')
  })

  it('refuses a truncated file with a sentence naming it', () => {
    expect(() => decodeSafetensors(Buffer.from([1, 0, 0]), 'x.safetensors')).toThrow(/x.safetensors/)
  })
})
