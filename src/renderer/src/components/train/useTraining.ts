/** Live state of the trainer: the status call once, then the training events as they arrive. */
import { useEffect, useState } from 'react'
import type { TrainingStatus } from '../../../../shared/api/features/training'
import { useApi } from '../../api/context'

/** Loss points kept for the curve; older ones are thinned so long runs stay light to draw. */
const MAX_LOSS_POINTS = 400

export interface LossPoint {
  step: number
  loss: number
}

export function useTraining(): { status: TrainingStatus | null; losses: LossPoint[] } {
  const api = useApi()
  const [status, setStatus] = useState<TrainingStatus | null>(null)
  const [losses, setLosses] = useState<LossPoint[]>([])
  useEffect(() => {
    let live = true
    void api.invoke('training.status', {}).then((s) => live && setStatus(s))
    const offs = [
      api.on('training.started', (started) => {
        setLosses([])
        setStatus((s) => ({
          running: true,
          runId: started.runId,
          started,
          progress: null,
          epochs: [],
          last: s?.last ?? null,
        }))
      }),
      api.on('training.progress', (progress) => {
        setStatus((s) => (s ? { ...s, running: true, progress } : s))
        setLosses((l) => {
          const next = [...l, { step: progress.step, loss: progress.loss }]
          return next.length > MAX_LOSS_POINTS ? next.filter((_, i) => i % 2 === 0) : next
        })
      }),
      api.on('training.epoch', (epoch) => setStatus((s) => (s ? { ...s, epochs: [...s.epochs, epoch] } : s))),
      api.on('training.finished', (last) => setStatus((s) => (s ? { ...s, running: false, last } : s))),
    ]
    return () => {
      live = false
      for (const off of offs) off()
    }
  }, [api])
  return { status, losses }
}
