import type { Point } from '../../domain/topology/merge'
import { layoutInput, unpackPositions } from './layout-protocol'
import type { LayoutRequest, LayoutResponse } from './layout-protocol'
import type { GraphElement } from '../../domain/topology/elements'

export interface LayoutClient {
  /** positions of the graph's nodes, computed in a worker; rejects where workers are unavailable or the layout fails */
  positions(kind: 'layered' | 'force', elements: readonly GraphElement[]): Promise<Map<string, Point>>
  dispose(): void
}

/** A worker computing layouts for one graph view; started on the first request. */
export function createLayoutClient(): LayoutClient {
  let worker: Worker | null = null
  let nextId = 1
  const pending = new Map<number, { resolve: (p: Map<string, Point>) => void; reject: (e: Error) => void }>()
  const fail = (message: string) => {
    for (const p of pending.values()) p.reject(new Error(message))
    pending.clear()
  }
  const getWorker = (): Worker => {
    if (worker) return worker
    const w = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'graph-layout' })
    w.onmessage = (e: MessageEvent<LayoutResponse>) => {
      const p = pending.get(e.data.id)
      pending.delete(e.data.id)
      if (!p) return
      if (e.data.ok) p.resolve(unpackPositions(e.data.ids, e.data.xy))
      else p.reject(new Error(e.data.message))
    }
    w.onerror = (e) => {
      e.preventDefault()
      fail(e.message || 'The layout worker failed.')
      w.terminate()
      worker = null
    }
    worker = w
    return w
  }
  return {
    positions(kind, elements) {
      if (typeof Worker === 'undefined') return Promise.reject(new Error('Workers are not available here.'))
      const w = getWorker()
      const id = nextId++
      const req: LayoutRequest = { id, kind, input: layoutInput(elements) }
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject })
        w.postMessage(req)
      })
    },
    dispose() {
      fail('The graph view closed.')
      worker?.terminate()
      worker = null
    },
  }
}
