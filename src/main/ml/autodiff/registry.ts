/**
 * The table of gradient rules, one per op, each in rules/<Op>.ts. Registering an op twice is an
 * error so a rule can never be silently shadowed.
 */
import type { GradRule } from './types'
import { Add } from './rules/Add'
import { Concat } from './rules/Concat'
import { Div } from './rules/Div'
import { Dropout } from './rules/Dropout'
import { Erf } from './rules/Erf'
import { Exp } from './rules/Exp'
import { Gather } from './rules/Gather'
import { Gemm } from './rules/Gemm'
import { Identity } from './rules/Identity'
import { LayerNormalization } from './rules/LayerNormalization'
import { LogSoftmax } from './rules/LogSoftmax'
import { MatMul } from './rules/MatMul'
import { Mul } from './rules/Mul'
import { Neg } from './rules/Neg'
import { ReduceMean } from './rules/ReduceMean'
import { ReduceSum } from './rules/ReduceSum'
import { Reshape } from './rules/Reshape'
import { Softmax } from './rules/Softmax'
import { Sqrt } from './rules/Sqrt'
import { Squeeze } from './rules/Squeeze'
import { Sub } from './rules/Sub'
import { Tanh } from './rules/Tanh'
import { Transpose } from './rules/Transpose'
import { Unsqueeze } from './rules/Unsqueeze'
import { Where } from './rules/Where'

export const RULE_LIST: readonly GradRule[] = [
  Add,
  Concat,
  Div,
  Dropout,
  Erf,
  Exp,
  Gather,
  Gemm,
  Identity,
  LayerNormalization,
  LogSoftmax,
  MatMul,
  Mul,
  Neg,
  ReduceMean,
  ReduceSum,
  Reshape,
  Softmax,
  Sqrt,
  Squeeze,
  Sub,
  Tanh,
  Transpose,
  Unsqueeze,
  Where,
]

function table(list: readonly GradRule[]): Map<string, GradRule> {
  const m = new Map<string, GradRule>()
  for (const r of list) {
    if (m.has(r.op)) throw new Error(`Two gradient rules for op ${r.op}.`)
    m.set(r.op, r)
  }
  return m
}

export const RULES: ReadonlyMap<string, GradRule> = table(RULE_LIST)
