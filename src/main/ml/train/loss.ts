/**
 * Token-level cross-entropy from LogSoftmax (ORT's CUDA build has no SoftmaxCrossEntropyLoss
 * kernel). Labels of -100 (padding, non-first subwords) are ignored; the loss is the mean over the
 * remaining tokens, as PyTorch's CrossEntropyLoss(ignore_index=-100).
 */
import type { Graph, Tensor } from '../graph/graph'

export const IGNORE_INDEX = -100

export function tokenCrossEntropy(g: Graph, logits: Tensor, labels: Tensor, numLabels: number): Tensor {
  const ignored = g.equal(labels, g.scalar(IGNORE_INDEX, 'int64'))
  const valid = g.cast(g.not(ignored), g.floatType)
  const safe = g.where(ignored, g.scalar(0, 'int64'), labels)
  const classes = g.int64s(Array.from({ length: numLabels }, (_, i) => i))
  // One-hot through Equal + Cast: OneHot has no float64 kernel and Equal runs everywhere.
  const onehot = g.cast(g.equal(g.unsqueeze(safe, [-1]), classes), g.floatType)
  const picked = g.reduceSum(g.mul(g.logSoftmax(logits, -1), onehot), [-1], false)
  const total = g.neg(g.sumAll(g.mul(picked, valid)))
  const count = g.max(g.sumAll(valid), g.scalar(1))
  return g.div(total, count)
}
