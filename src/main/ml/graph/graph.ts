/**
 * A small typed ONNX graph builder. Model code calls `g.matMul(a, b)`, `g.layerNorm(...)` and so on;
 * every call appends ONNX nodes, tracks dtype and shape of each result, and names everything
 * deterministically (scope path + per-graph counter), so the same model code always produces the
 * same bytes. Graph outputs rename the tensor that produces them instead of adding Identity copies,
 * which would cost a full copy of every parameter and optimizer state per training step.
 *
 * Only standard ai.onnx ops are emitted (see OPSET).
 */
import { broadcast, normAxis, numel, type Dim } from './shape'

/** One opset for every graph: 18 is the first with ReduceMean taking axes as an input. */
export const OPSET = 18
/** IR version 8 is the one that introduced opset 18 support in ONNX 1.13. */
export const IR_VERSION = 8

export type DType = 'float32' | 'float64' | 'int64' | 'int32' | 'bool'
export type FloatType = 'float32' | 'float64'

export interface Tensor {
  name: string
  readonly dtype: DType
  readonly shape: Dim[]
  /** The graph whose node (or input) defines it. */
  readonly graph: Graph
  producer: Node | undefined
}

export type Attr =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'ints'; value: number[] }
  | { kind: 'floats'; value: number[] }
  | { kind: 'string'; value: string }
  | { kind: 'graph'; value: Graph }
  | { kind: 'tensor'; value: ConstValue }

export interface ConstValue {
  dtype: DType
  dims: number[]
  data: ArrayLike<number> | ArrayLike<bigint>
}

export interface Node {
  readonly opType: string
  readonly name: string
  /** null marks an omitted optional input. */
  readonly inputs: (Tensor | null)[]
  readonly outputs: Tensor[]
  readonly attrs: Record<string, Attr>
}

export const int = (value: number): Attr => ({ kind: 'int', value })
export const float = (value: number): Attr => ({ kind: 'float', value })
export const ints = (value: number[]): Attr => ({ kind: 'ints', value })

export interface OutSpec {
  dtype: DType
  shape: Dim[]
}

export class Graph {
  readonly nodes: Node[] = []
  readonly inputs: Tensor[] = []
  readonly outputs: Tensor[] = []
  /** Weights stored in the model file (inference export); training graphs take them as inputs. */
  readonly initializers: { tensor: Tensor; value: ConstValue }[] = []
  private counter = 0
  private readonly scopes: string[] = []
  private readonly used = new Set<string>()

  /**
   * @param floatType dtype of float constants the helpers create (float64 for gradient checks).
   * @param prefix prepended to generated names; subgraphs need their own so names never clash.
   */
  constructor(
    readonly floatType: FloatType = 'float32',
    readonly prefix = '',
  ) {}

  /** Runs `fn` with `name` appended to the scope path used for generated names. */
  scope<T>(name: string, fn: () => T): T {
    this.scopes.push(name)
    try {
      return fn()
    } finally {
      this.scopes.pop()
    }
  }

  private fresh(base: string): string {
    const path = this.scopes.length > 0 ? `${this.scopes.join('/')}/` : ''
    let name = `${this.prefix}${path}${base}_${this.counter++}`
    while (this.used.has(name)) name = `${this.prefix}${path}${base}_${this.counter++}`
    this.used.add(name)
    return name
  }

  input(name: string, dtype: DType, shape: Dim[]): Tensor {
    if (this.used.has(name)) throw new Error(`Graph input name ${name} is used twice.`)
    this.used.add(name)
    const t: Tensor = { name, dtype, shape: [...shape], graph: this, producer: undefined }
    this.inputs.push(t)
    return t
  }

  initializer(name: string, value: ConstValue): Tensor {
    if (this.used.has(name)) throw new Error(`Initializer name ${name} is used twice.`)
    this.used.add(name)
    const t: Tensor = { name, dtype: value.dtype, shape: [...value.dims], graph: this, producer: undefined }
    this.initializers.push({ tensor: t, value })
    return t
  }

  /**
   * Declares `t` a graph output called `name`. The producing node's output is renamed in place;
   * only a graph input or an outer-scope value passed straight through needs an Identity.
   */
  output(t: Tensor, name?: string): Tensor {
    let out = t
    const needsCopy = t.producer === undefined || t.graph !== this || this.outputs.includes(t)
    if (needsCopy) out = this.node('Identity', [t], {}, [{ dtype: t.dtype, shape: t.shape }])[0]!
    if (name !== undefined) {
      if (this.used.has(name) && out.name !== name)
        throw new Error(`Graph output name ${name} is used twice.`)
      this.used.delete(out.name)
      this.used.add(name)
      out.name = name
    }
    this.outputs.push(out)
    return out
  }

  node(opType: string, inputs: (Tensor | null)[], attrs: Record<string, Attr>, outs: OutSpec[]): Tensor[] {
    const name = this.fresh(opType)
    const outputs: Tensor[] = outs.map((o, i) => ({
      name: `${name}:${i}`,
      dtype: o.dtype,
      shape: [...o.shape],
      graph: this,
      producer: undefined,
    }))
    const node: Node = { opType, name, inputs, outputs, attrs }
    for (const o of outputs) {
      o.producer = node
      this.used.add(o.name)
    }
    this.nodes.push(node)
    return outputs
  }

  private one(opType: string, inputs: (Tensor | null)[], attrs: Record<string, Attr>, out: OutSpec): Tensor {
    return this.node(opType, inputs, attrs, [out])[0]!
  }

  // ---- constants ----

  constant(value: ConstValue): Tensor {
    return this.one(
      'Constant',
      [],
      { value: { kind: 'tensor', value } },
      { dtype: value.dtype, shape: value.dims },
    )
  }

  /** A float scalar (or a 1-element tensor of the given shape) in this graph's float type. */
  scalar(v: number, dtype: DType = this.floatType): Tensor {
    return this.constant({ dtype, dims: [], data: dtype === 'int64' ? [BigInt(v)] : [v] })
  }

  floats(data: ArrayLike<number>, dims: number[], dtype: DType = this.floatType): Tensor {
    return this.constant({ dtype, dims, data })
  }

  int64s(data: number[], dims: number[] = [data.length]): Tensor {
    return this.constant({ dtype: 'int64', dims, data: data.map((d) => BigInt(d)) })
  }

  // ---- elementwise ----

  private binary(op: string, a: Tensor, b: Tensor, dtype: DType = a.dtype): Tensor {
    return this.one(op, [a, b], {}, { dtype, shape: broadcast(a.shape, b.shape) })
  }
  add(a: Tensor, b: Tensor): Tensor {
    return this.binary('Add', a, b)
  }
  sub(a: Tensor, b: Tensor): Tensor {
    return this.binary('Sub', a, b)
  }
  mul(a: Tensor, b: Tensor): Tensor {
    return this.binary('Mul', a, b)
  }
  div(a: Tensor, b: Tensor): Tensor {
    return this.binary('Div', a, b)
  }
  pow(a: Tensor, b: Tensor): Tensor {
    return this.binary('Pow', a, b)
  }
  max(a: Tensor, b: Tensor): Tensor {
    return this.binary('Max', a, b)
  }
  min(a: Tensor, b: Tensor): Tensor {
    return this.binary('Min', a, b)
  }
  equal(a: Tensor, b: Tensor): Tensor {
    return this.binary('Equal', a, b, 'bool')
  }
  private unary(op: string, x: Tensor, attrs: Record<string, Attr> = {}): Tensor {
    return this.one(op, [x], attrs, { dtype: x.dtype, shape: x.shape })
  }
  neg(x: Tensor): Tensor {
    return this.unary('Neg', x)
  }
  sqrt(x: Tensor): Tensor {
    return this.unary('Sqrt', x)
  }
  exp(x: Tensor): Tensor {
    return this.unary('Exp', x)
  }
  erf(x: Tensor): Tensor {
    return this.unary('Erf', x)
  }
  tanh(x: Tensor): Tensor {
    return this.unary('Tanh', x)
  }
  not(x: Tensor): Tensor {
    return this.unary('Not', x)
  }
  softmax(x: Tensor, axis = -1): Tensor {
    return this.unary('Softmax', x, { axis: int(axis) })
  }
  logSoftmax(x: Tensor, axis = -1): Tensor {
    return this.unary('LogSoftmax', x, { axis: int(axis) })
  }
  cast(x: Tensor, dtype: DType): Tensor {
    return this.one('Cast', [x], { to: int(ONNX_DTYPE[dtype]) }, { dtype, shape: x.shape })
  }
  where(cond: Tensor, a: Tensor, b: Tensor): Tensor {
    return this.one(
      'Where',
      [cond, a, b],
      {},
      { dtype: a.dtype, shape: broadcast(cond.shape, broadcast(a.shape, b.shape)) },
    )
  }

  // ---- linear algebra and layout ----

  matMul(a: Tensor, b: Tensor): Tensor {
    if (a.shape.length < 2 || b.shape.length < 2) throw new Error('matMul needs rank >= 2 operands.')
    const batch = broadcast(a.shape.slice(0, -2), b.shape.slice(0, -2))
    return this.one(
      'MatMul',
      [a, b],
      {},
      { dtype: a.dtype, shape: [...batch, a.shape.at(-2)!, b.shape.at(-1)!] },
    )
  }

  /** Y = op(A)·op(B) + C with alpha = beta = 1 (the only form the gradient rule supports). */
  gemm(a: Tensor, b: Tensor, c: Tensor | null, transA = false, transB = false): Tensor {
    const m = transA ? a.shape[1]! : a.shape[0]!
    const n = transB ? b.shape[0]! : b.shape[1]!
    return this.one(
      'Gemm',
      c ? [a, b, c] : [a, b],
      { transA: int(transA ? 1 : 0), transB: int(transB ? 1 : 0) },
      {
        dtype: a.dtype,
        shape: [m, n],
      },
    )
  }

  transpose(x: Tensor, perm: number[]): Tensor {
    return this.one(
      'Transpose',
      [x],
      { perm: ints(perm) },
      { dtype: x.dtype, shape: perm.map((p) => x.shape[p]!) },
    )
  }

  /** ONNX Reshape semantics: 0 copies the input dimension, one -1 is inferred. */
  reshape(x: Tensor, target: number[]): Tensor {
    const shape: Dim[] = target.map((d, i) => (d === 0 ? x.shape[i]! : d))
    const inferred = shape.indexOf(-1)
    if (inferred >= 0) {
      const known = shape.filter((d, i) => i !== inferred)
      if (known.every((d) => typeof d === 'number') && x.shape.every((d) => typeof d === 'number')) {
        shape[inferred] = numel(x.shape) / (known as number[]).reduce((p, q) => p * q, 1)
      } else {
        // Runtime-sized: name it after the tensor so it stays unique.
        shape[inferred] = `${x.name}_reshaped`
      }
    }
    return this.one('Reshape', [x, this.int64s(target)], {}, { dtype: x.dtype, shape })
  }

  unsqueeze(x: Tensor, axes: number[]): Tensor {
    const rank = x.shape.length + axes.length
    const norm = axes.map((a) => normAxis(a, rank))
    const shape: Dim[] = []
    let k = 0
    for (let i = 0; i < rank; i++) shape.push(norm.includes(i) ? 1 : x.shape[k++]!)
    return this.one('Unsqueeze', [x, this.int64s(axes)], {}, { dtype: x.dtype, shape })
  }

  squeeze(x: Tensor, axes: number[]): Tensor {
    const norm = axes.map((a) => normAxis(a, x.shape.length))
    return this.one(
      'Squeeze',
      [x, this.int64s(axes)],
      {},
      {
        dtype: x.dtype,
        shape: x.shape.filter((_, i) => !norm.includes(i)),
      },
    )
  }

  /** Shape as an int64 tensor (used where run-time sizes are needed, e.g. gradient expansion). */
  shapeOf(x: Tensor): Tensor {
    return this.one('Shape', [x], {}, { dtype: 'int64', shape: [x.shape.length] })
  }

  expand(x: Tensor, shapeTensor: Tensor, shape: Dim[]): Tensor {
    return this.one('Expand', [x, shapeTensor], {}, { dtype: x.dtype, shape })
  }

  gather(data: Tensor, indices: Tensor, axis = 0): Tensor {
    const a = normAxis(axis, data.shape.length)
    const shape = [...data.shape.slice(0, a), ...indices.shape, ...data.shape.slice(a + 1)]
    return this.one('Gather', [data, indices], { axis: int(axis) }, { dtype: data.dtype, shape })
  }

  /** Scatter-add `updates` rows into `data` at `indices` (last index dim 1 selects along axis 0). */
  scatterNDAdd(data: Tensor, indices: Tensor, updates: Tensor): Tensor {
    return this.one(
      'ScatterND',
      [data, indices, updates],
      { reduction: { kind: 'string', value: 'add' } },
      {
        dtype: data.dtype,
        shape: data.shape,
      },
    )
  }

  zeros(shape: number[], dtype: DType = this.floatType): Tensor {
    const value: ConstValue = { dtype, dims: [1], data: dtype === 'int64' ? [0n] : [0] }
    return this.one(
      'ConstantOfShape',
      [this.int64s(shape)],
      { value: { kind: 'tensor', value } },
      { dtype, shape },
    )
  }

  /** Zeros of a run-time shape (`shape`: int64 [rank]; `dims`: what is known of it here). */
  zerosOfShape(shape: Tensor, dims: Dim[], dtype: DType = this.floatType): Tensor {
    const value: ConstValue = { dtype, dims: [1], data: dtype === 'int64' ? [0n] : [0] }
    return this.one('ConstantOfShape', [shape], { value: { kind: 'tensor', value } }, { dtype, shape: dims })
  }

  /**
   * ONNX Unique of a 1-D tensor, sorted: the distinct values ascending and, for every element of
   * `x`, the position of its value among them (x = values[inverse]).
   */
  unique(x: Tensor): { values: Tensor; inverse: Tensor } {
    const count = `${x.name}_unique`
    const [values, , inverse] = this.node('Unique', [x], { sorted: int(1) }, [
      { dtype: x.dtype, shape: [count] },
      { dtype: 'int64', shape: [count] },
      { dtype: 'int64', shape: x.shape },
      { dtype: 'int64', shape: [count] },
    ])
    return { values: values!, inverse: inverse! }
  }

  range(start: Tensor, limit: Tensor, delta: Tensor, length: Dim): Tensor {
    return this.one('Range', [start, limit, delta], {}, { dtype: start.dtype, shape: [length] })
  }

  concat(xs: Tensor[], axis: number): Tensor {
    const first = xs[0]!
    const a = normAxis(axis, first.shape.length)
    const dims = xs.map((x) => x.shape[a]!)
    const total: Dim = dims.every((d) => typeof d === 'number')
      ? (dims as number[]).reduce((p, q) => p + q, 0)
      : dims.join('+')
    const shape = [...first.shape]
    shape[a] = total
    return this.one('Concat', xs, { axis: int(axis) }, { dtype: first.dtype, shape })
  }

  // ---- reductions ----

  private reduce(op: string, x: Tensor, axes: number[], keepdims: boolean): Tensor {
    const norm = axes.map((a) => normAxis(a, x.shape.length))
    const shape: Dim[] = []
    x.shape.forEach((d, i) => {
      if (!norm.includes(i)) shape.push(d)
      else if (keepdims) shape.push(1)
    })
    return this.one(
      op,
      [x, this.int64s(axes)],
      { keepdims: int(keepdims ? 1 : 0) },
      { dtype: x.dtype, shape },
    )
  }
  reduceSum(x: Tensor, axes: number[], keepdims = false): Tensor {
    return this.reduce('ReduceSum', x, axes, keepdims)
  }
  reduceMean(x: Tensor, axes: number[], keepdims = false): Tensor {
    return this.reduce('ReduceMean', x, axes, keepdims)
  }
  /** Sum of every element as a scalar. */
  sumAll(x: Tensor): Tensor {
    return this.reduceSum(
      x,
      x.shape.map((_, i) => i),
    )
  }

  /**
   * Sum of squares of every element as a scalar, in one pass (ReduceSumSquare); for values that are
   * never differentiated, such as the gradient norm.
   */
  sumSquares(x: Tensor): Tensor {
    return this.reduce(
      'ReduceSumSquare',
      x,
      x.shape.map((_, i) => i),
      false,
    )
  }

  // ---- neural network ops ----

  /**
   * LayerNormalization over the last axis. With `stats` the Mean and InvStdDev outputs are
   * requested too; the gradient rule needs them (they exist only for float32 in ORT's CPU build).
   */
  layerNormalization(x: Tensor, scale: Tensor, bias: Tensor, epsilon: number, stats = true): Tensor {
    const statShape = [...x.shape.slice(0, -1), 1]
    const outs: OutSpec[] = [{ dtype: x.dtype, shape: x.shape }]
    if (stats) outs.push({ dtype: x.dtype, shape: statShape }, { dtype: x.dtype, shape: statShape })
    return this.node(
      'LayerNormalization',
      [x, scale, bias],
      { axis: int(-1), epsilon: float(epsilon) },
      outs,
    )[0]!
  }

  /** Dropout in training mode; returns the output and its boolean keep mask. */
  dropout(x: Tensor, ratio: number, seed: number): [Tensor, Tensor] {
    const [y, mask] = this.node(
      'Dropout',
      [x, this.scalar(ratio), this.constant({ dtype: 'bool', dims: [], data: [1] })],
      { seed: int(seed) },
      [
        { dtype: x.dtype, shape: x.shape },
        { dtype: 'bool', shape: x.shape },
      ],
    )
    return [y!, mask!]
  }
}

export const ONNX_DTYPE: Record<DType, number> = { float32: 1, int32: 6, int64: 7, bool: 9, float64: 11 }
