/**
 * Turns a builder Graph into ONNX ModelProto bytes through the statically generated protobuf code
 * (src/main/ml/onnx/generated, compiled from the vendored onnx.proto).
 */
import { onnx } from '../onnx/generated/onnx'
import { IR_VERSION, ONNX_DTYPE, OPSET, type Attr, type ConstValue, type Graph, type Tensor } from './graph'

function tensorProto(v: ConstValue, name?: string): onnx.ITensorProto {
  let raw: Uint8Array
  const n = v.data.length
  switch (v.dtype) {
    case 'float32':
      raw = new Uint8Array(Float32Array.from(v.data as ArrayLike<number>).buffer)
      break
    case 'float64':
      raw = new Uint8Array(Float64Array.from(v.data as ArrayLike<number>).buffer)
      break
    case 'int32':
      raw = new Uint8Array(Int32Array.from(v.data as ArrayLike<number>).buffer)
      break
    case 'int64': {
      const a = new BigInt64Array(n)
      for (let i = 0; i < n; i++) a[i] = BigInt(v.data[i]!)
      raw = new Uint8Array(a.buffer)
      break
    }
    case 'bool':
      raw = Uint8Array.from(v.data as ArrayLike<number>, (x) => (x ? 1 : 0))
      break
  }
  return { name, dims: v.dims, dataType: ONNX_DTYPE[v.dtype], rawData: raw }
}

function valueInfo(t: Tensor): onnx.IValueInfoProto {
  return {
    name: t.name,
    type: {
      tensorType: {
        elemType: ONNX_DTYPE[t.dtype],
        shape: { dim: t.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  }
}

function attribute(name: string, a: Attr): onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType
  switch (a.kind) {
    case 'int':
      return { name, type: T.INT, i: a.value }
    case 'float':
      return { name, type: T.FLOAT, f: a.value }
    case 'ints':
      return { name, type: T.INTS, ints: a.value }
    case 'floats':
      return { name, type: T.FLOATS, floats: a.value }
    case 'string':
      return { name, type: T.STRING, s: new TextEncoder().encode(a.value) }
    case 'tensor':
      return { name, type: T.TENSOR, t: tensorProto(a.value) }
    case 'graph':
      return { name, type: T.GRAPH, g: graphProto(a.value, name) }
  }
}

export function graphProto(g: Graph, name: string): onnx.IGraphProto {
  return {
    name,
    node: g.nodes.map((n) => ({
      name: n.name,
      opType: n.opType,
      domain: '',
      input: n.inputs.map((t) => (t === null ? '' : t.name)),
      output: n.outputs.map((t) => t.name),
      attribute: Object.entries(n.attrs).map(([k, a]) => attribute(k, a)),
    })),
    initializer: g.initializers.map((i) => tensorProto(i.value, i.tensor.name)),
    input: g.inputs.map(valueInfo),
    output: g.outputs.map(valueInfo),
  }
}

export function encodeModel(g: Graph, name = 'ner-studio'): Uint8Array {
  const model: onnx.IModelProto = {
    irVersion: IR_VERSION,
    producerName: 'ner-studio',
    opsetImport: [{ domain: '', version: OPSET }],
    graph: graphProto(g, name),
  }
  return onnx.ModelProto.encode(model).finish()
}
