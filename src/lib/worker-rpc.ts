/**
 * Requests and answers over a worker's messages, one protocol for every worker of the console:
 * each request gets an id, the answer carrying that id settles it, an answer of type `error`
 * rejects it with its message, and a worker that fails rejects every request still waiting.
 */

/** A request or answer without its id (the helper adds it). */
export type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never

export interface WorkerRpc<Req extends { id: number }, Res extends { id: number; type: string }, Note = never> {
  /** Posts `req` (moving `transfer`); settles with the worker's answer to it. */
  send(req: WithoutId<Req>, transfer?: Transferable[]): Promise<Exclude<Res, { type: 'error' }>>
  /** Posts a message the worker does not answer (moving `transfer`), in order with the requests. */
  notify(note: Note, transfer?: Transferable[]): void
  /** Rejects every request still waiting with `error` (the worker was stopped or failed). */
  rejectAll(error: Error): void
}

/**
 * Takes over `worker`'s messages. `onFailure` turns the worker's error event into the error the
 * waiting requests are rejected with, and may clean up after it.
 */
export function workerRpc<Req extends { id: number }, Res extends { id: number; type: string }, Note = never>(
  worker: Worker,
  onFailure: (e: ErrorEvent) => Error,
): WorkerRpc<Req, Res, Note> {
  let nextId = 1
  const pending = new Map<number, { resolve: (r: Res) => void; reject: (e: Error) => void }>()
  const rejectAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error)
    pending.clear()
  }
  worker.onmessage = (e: MessageEvent<Res>) => {
    const p = pending.get(e.data.id)
    pending.delete(e.data.id)
    p?.resolve(e.data)
  }
  worker.onerror = (e) => rejectAll(onFailure(e))
  return {
    send(req, transfer = []) {
      const id = nextId++
      return new Promise<Res>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        worker.postMessage({ ...req, id }, transfer)
      }).then((res) => {
        if (res.type === 'error') throw new Error('message' in res && typeof res.message === 'string' ? res.message : 'The worker failed.')
        return res as Exclude<Res, { type: 'error' }>
      })
    },
    notify(note, transfer = []) {
      worker.postMessage(note, transfer)
    },
    rejectAll,
  }
}
