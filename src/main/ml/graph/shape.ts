/**
 * Static shape arithmetic for the graph builder. Dimensions are numbers when known and strings
 * (ONNX dim_param names such as "batch") when only known at run time, so one model definition can
 * build both fixed-shape training graphs and dynamic-shape inference graphs.
 */
export type Dim = number | string
export type Shape = readonly Dim[]

export function isStatic(shape: Shape): shape is readonly number[] {
  return shape.every((d) => typeof d === 'number')
}

export function numel(shape: Shape): number {
  if (!isStatic(shape)) throw new Error(`Shape [${shape.join(', ')}] is not static.`)
  return shape.reduce((a, b) => a * b, 1)
}

/** NumPy broadcasting; a symbolic dimension meets 1 or itself, or a number it is assumed to equal. */
export function broadcast(a: Shape, b: Shape): Dim[] {
  const rank = Math.max(a.length, b.length)
  const out: Dim[] = []
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)]!
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)]!
    if (da === db || db === 1) out.push(da)
    else if (da === 1) out.push(db)
    else if (typeof da === 'string') out.push(db)
    else if (typeof db === 'string') out.push(da)
    else throw new Error(`Shapes [${a.join(', ')}] and [${b.join(', ')}] do not broadcast.`)
  }
  return out
}

export function normAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis
  if (a < 0 || a >= rank) throw new Error(`Axis ${axis} is out of range for rank ${rank}.`)
  return a
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i])
}
