/**
 * A question asked of a backend once and shared by every caller: which API a Jaeger speaks, which
 * span metrics a Prometheus holds, whether it stores exemplars.
 *
 * The asking runs under no caller's signal. Run under the first caller's, that caller going away
 * (its view closed, its query's key changed) aborted the asking for every caller waiting on it, and
 * each showed "The request was cancelled." (a search and the services list of the trace search,
 * both waiting on the first question to a Jaeger, did). Each caller still stops waiting when its
 * own signal aborts; the asking itself is bounded by the request's own time limits. A failure is
 * not kept: the next caller asks again.
 */
export function askedOnce<T>(ask: () => Promise<T>, known?: T): (signal?: AbortSignal) => Promise<T> {
  let asked: Promise<T> | null = known === undefined ? null : Promise.resolve(known)
  return (signal) => {
    let p = asked
    if (!p) {
      const run = ask()
      asked = run
      run.catch(() => {
        if (asked === run) asked = null
      })
      p = run
    }
    return signal ? untilAborted(p, signal) : p
  }
}

/** `p`, or a rejection (an AbortError) as soon as `signal` aborts, whichever comes first. */
export function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  const cancelled = () => new DOMException('The request was cancelled.', 'AbortError')
  if (signal.aborted) return Promise.reject(cancelled())
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled())
    signal.addEventListener('abort', onAbort, { once: true })
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort)
        resolve(v)
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(e instanceof Error ? e : new Error(String(e)))
      },
    )
  })
}
