import { useEffect, useMemo, useState } from 'react'
import { extractErrorChains } from '../../../domain/error-chain/extract'
import type { TraceErrorChains } from '../../../domain/error-chain/types'
import type { Trace } from '../../../domain/model'

const noChains: TraceErrorChains = { chains: [], roles: new Map() }

/** Above this many spans the chains are worked out after the first rows are on screen. */
export const DEFER_CHAINS_SPANS = 5_000

/** The chains of a trace; none when the trace is too damaged to read them from. */
export function safeChains(trace: Trace): TraceErrorChains {
  try {
    return extractErrorChains(trace)
  } catch {
    return noChains
  }
}

/** Runs `work` when the browser is idle (or soon after, where idle callbacks do not exist). */
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(work, { timeout: 500 })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(work, 0)
  return () => clearTimeout(id)
}

/**
 * The error chains of a trace. Small traces get them at once; on big ones they are not needed
 * for the first rows, so they are extracted once the page has painted.
 */
export function useErrorChains(trace: Trace, errorCount: number): TraceErrorChains {
  const big = trace.spans.length > DEFER_CHAINS_SPANS
  const now = useMemo(() => (errorCount > 0 && !big ? safeChains(trace) : null), [trace, errorCount, big])
  const [later, setLater] = useState<{ trace: Trace; chains: TraceErrorChains } | null>(null)
  useEffect(() => {
    if (errorCount === 0 || !big) return
    return whenIdle(() => setLater({ trace, chains: safeChains(trace) }))
  }, [trace, errorCount, big])
  if (now) return now
  return later && later.trace === trace ? later.chains : noChains
}
