/**
 * int8 dynamic quantization of an exported inference graph, with standard ai.onnx ops only (so
 * any ONNX runtime runs it): every linear layer x·Wᵀ becomes DynamicQuantizeLinear(x) →
 * MatMulInteger(x_q, W_q) → Cast → ·(x_scale · w_scale), with W stored int8 per output channel
 * (symmetric, zero point 0); every embedding table is stored int8 per row and dequantized only
 * for the gathered rows. LayerNorm parameters and biases stay float32 (they are tiny). ONNX
 * Runtime's CPU kernels for MatMulInteger are the same ones its own quantize_dynamic relies on.
 */
import { onnx } from '../ml/onnx/generated/onnx'

const FLOAT = onnx.TensorProto.DataType.FLOAT
const INT8 = onnx.TensorProto.DataType.INT8

function floats(t: onnx.ITensorProto): Float32Array {
  const raw = t.rawData!
  const copy = new Uint8Array(raw.length)
  copy.set(raw)
  return new Float32Array(copy.buffer)
}

/** Symmetric int8 per row of a [rows, cols] matrix; returns values and one scale per row. */
function quantizeRows(w: Float32Array, rows: number, cols: number): { q: Int8Array; scale: Float32Array } {
  const q = new Int8Array(rows * cols)
  const scale = new Float32Array(rows)
  for (let r = 0; r < rows; r++) {
    let max = 0
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(w[r * cols + c]!))
    const s = max > 0 ? max / 127 : 1
    scale[r] = s
    for (let c = 0; c < cols; c++)
      q[r * cols + c] = Math.max(-127, Math.min(127, Math.round(w[r * cols + c]! / s)))
  }
  return { q, scale }
}

function tensor(name: string, dataType: number, dims: number[], bytes: Uint8Array): onnx.ITensorProto {
  return { name, dataType, dims, rawData: bytes }
}

const u8 = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength)

export function quantizeInt8(model: Uint8Array): Uint8Array {
  const m = onnx.ModelProto.decode(model)
  const g = m.graph!
  const initializers = g.initializer ?? []
  const inits = new Map(initializers.map((t) => [t.name!, t]))
  const nodes = g.node as onnx.INodeProto[]
  const consumers = new Map<string, onnx.INodeProto[]>()
  for (const n of nodes) for (const i of n.input ?? []) consumers.set(i, [...(consumers.get(i) ?? []), n])
  const dims = (t: onnx.ITensorProto) => (t.dims ?? []).map(Number)
  const removed = new Set<string>()
  const added: onnx.ITensorProto[] = []
  const out: onnx.INodeProto[] = []
  const quantizedInput = new Map<string, [string, string, string]>()
  let id = 0
  const node = (opType: string, input: string[], output: string[], attribute: onnx.IAttributeProto[] = []) =>
    out.push({ name: `q${id++}_${opType}`, opType, domain: '', input, output, attribute })

  // Transposes of a 2-D weight that only feed MatMul as its right-hand side: the linear layers.
  const linearOf = new Map<string, string>()
  for (const n of nodes) {
    const w = inits.get(n.input![0]!)
    if (n.opType !== 'Transpose' || !w || w.dataType !== FLOAT || dims(w).length !== 2) continue
    const users = consumers.get(n.output![0]!) ?? []
    if (users.length > 0 && users.every((u) => u.opType === 'MatMul' && u.input![1] === n.output![0]))
      linearOf.set(n.output![0]!, w.name!)
  }
  const weightQ = new Map<string, { q: string; scale: string }>()

  for (const n of nodes) {
    if (n.opType === 'Transpose' && linearOf.has(n.output![0]!)) {
      const wName = linearOf.get(n.output![0]!)!
      const w = inits.get(wName)!
      const [o, i] = dims(w) as [number, number]
      // [out, in] per output row = per output column of Wᵀ; MatMulInteger wants Wᵀ laid out [in, out].
      const { q, scale } = quantizeRows(floats(w), o, i)
      const qt = new Int8Array(i * o)
      for (let r = 0; r < o; r++) for (let c = 0; c < i; c++) qt[c * o + r] = q[r * i + c]!
      added.push(
        tensor(`${wName}.int8`, INT8, [i, o], u8(qt)),
        tensor(`${wName}.scale`, FLOAT, [o], u8(scale)),
      )
      weightQ.set(n.output![0]!, { q: `${wName}.int8`, scale: `${wName}.scale` })
      removed.add(wName)
      continue
    }
    if (n.opType === 'MatMul' && weightQ.has(n.input![1]!)) {
      const x = n.input![0]!
      const wq = weightQ.get(n.input![1]!)!
      let xq = quantizedInput.get(x)
      if (!xq) {
        xq = [`${x}.u8`, `${x}.scale`, `${x}.zp`]
        node('DynamicQuantizeLinear', [x], xq)
        quantizedInput.set(x, xq)
      }
      const y = n.output![0]!
      node('MatMulInteger', [xq[0], wq.q, xq[2]], [`${y}.i32`])
      node(
        'Cast',
        [`${y}.i32`],
        [`${y}.f32`],
        [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }],
      )
      node('Mul', [`${y}.f32`, xq[1]], [`${y}.xs`])
      node('Mul', [`${y}.xs`, wq.scale], [y])
      continue
    }
    const table = inits.get(n.input?.[0] ?? '')
    if (
      n.opType === 'Gather' &&
      table?.dataType === FLOAT &&
      dims(table).length === 2 &&
      !removed.has(table.name!)
    ) {
      const axis = n.attribute?.find((a) => a.name === 'axis')?.i ?? 0
      if (Number(axis) === 0) {
        const [rows, cols] = dims(table) as [number, number]
        const name = table.name!
        if (!inits.has(`${name}.int8`) && !added.some((t) => t.name === `${name}.int8`)) {
          const { q, scale } = quantizeRows(floats(table), rows, cols)
          added.push(
            tensor(`${name}.int8`, INT8, [rows, cols], u8(q)),
            tensor(`${name}.scale`, FLOAT, [rows, 1], u8(scale)),
          )
        }
        const y = n.output![0]!
        const idx = n.input![1]!
        node('Gather', [`${name}.int8`, idx], [`${y}.i8`])
        node(
          'Cast',
          [`${y}.i8`],
          [`${y}.f32`],
          [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }],
        )
        node('Gather', [`${name}.scale`, idx], [`${y}.s`])
        node('Mul', [`${y}.f32`, `${y}.s`], [y])
        removed.add(name)
        continue
      }
    }
    out.push(n)
  }
  // A table or weight still read by an op left in float keeps its float copy.
  const stillUsed = new Set(out.flatMap((n) => n.input ?? []))
  g.initializer = [...initializers.filter((t) => !removed.has(t.name!) || stillUsed.has(t.name!)), ...added]
  g.node = out as typeof g.node
  return onnx.ModelProto.encode(m).finish()
}
