/** React glue for the API: load a call's result, reload when the project changes. */
import { useCallback, useEffect, useState } from 'react'
import type { CallName, InputOf, ResultOf } from '../../../shared/api/contract'
import { ApiError } from '../../../shared/api/errors'
import { useApi } from './context'

export interface Loaded<T> {
  data: T | undefined
  error: string | null
  loading: boolean
  reload: () => void
}

export function useCall<N extends CallName>(
  name: N,
  input: InputOf<N>,
  deps: unknown[] = [],
): Loaded<ResultOf<N>> {
  const api = useApi()
  const [tick, setTick] = useState(0)
  const reload = useCallback(() => setTick((t) => t + 1), [])
  const key = JSON.stringify(input)
  const requestKey = `${key}#${tick}#${JSON.stringify(deps)}`
  // Results remember which request they answer, so "loading" is derived rather than set in the effect.
  const [state, setState] = useState<{
    data: ResultOf<N> | undefined
    error: string | null
    forKey: string | null
  }>({
    data: undefined,
    error: null,
    forKey: null,
  })
  useEffect(() => {
    let live = true
    api.invoke(name, JSON.parse(key) as InputOf<N>).then(
      (data) => live && setState({ data, error: null, forKey: requestKey }),
      (err: unknown) => live && setState({ data: undefined, error: errorSentence(err), forKey: requestKey }),
    )
    return () => {
      live = false
    }
  }, [api, name, key, requestKey])
  useEffect(() => api.on('project.changed', reload), [api, reload])
  return { data: state.data, error: state.error, loading: state.forKey !== requestKey, reload }
}

export function errorSentence(err: unknown): string {
  if (err instanceof ApiError) return err.message
  return 'Something went wrong; try again.'
}
