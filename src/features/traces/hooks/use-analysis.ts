import { useEffect, useEffectEvent, useState } from 'react'

export type AnalysisState<T> = { status: 'working' } | { status: 'done'; value: T } | { status: 'failed'; message: string }

/**
 * The answer of an asynchronous analysis for the current inputs (`key` says when they change).
 * The previous answer is dropped as soon as the inputs change: a view never shows one trace's
 * figures under another's name.
 */
export function useAnalysis<T>(key: string, run: () => Promise<T>): AnalysisState<T> {
  const [state, setState] = useState<{ key: string; state: AnalysisState<T> } | null>(null)
  const start = useEffectEvent(run)
  useEffect(() => {
    let alive = true
    start()
      .then((value) => alive && setState({ key, state: { status: 'done', value } }))
      .catch((e: unknown) => alive && setState({ key, state: { status: 'failed', message: e instanceof Error ? e.message : String(e) } }))
    return () => {
      alive = false
    }
  }, [key])
  return state && state.key === key ? state.state : { status: 'working' }
}
