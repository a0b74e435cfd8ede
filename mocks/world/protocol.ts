/**
 * Messages between the page and the world worker, which runs the synthetic backend's handlers
 * (mocks/handlers) off the page's main thread, as a real backend would be.
 */
export interface WorldKnobs {
  /** pinned "now" (ms) or null to follow the wall clock */
  pinnedNow: number | null
  /** number of services, or null for the default world */
  scale: number | null
  /** the minute the world first ran (ms), or the anchor a link gave */
  anchor: number
  /**
   * true when the anchor came from a link (`anchor=`): it places the incidents even when the
   * clock is pinned; otherwise a pinned clock is the anchor
   */
  anchorGiven: boolean
}

export interface SerializedRequest {
  method: string
  url: string
  headers: [string, string][]
  body: ArrayBuffer | null
}

export interface SerializedResponse {
  status: number
  statusText: string
  headers: [string, string][]
  body: ArrayBuffer | null
}

export interface TraceTiming {
  generateMs: number
  serialiseMs: number
  spans: number
  chars: number
}

export type WorldRequest =
  | { id: number; type: 'init'; knobs: WorldKnobs }
  | { id: number; type: 'fetch'; request: SerializedRequest }
  | { id: number; type: 'timeTrace'; traceId: string }

export type WorldResponse =
  | { id: number; type: 'ready'; services: number; baseServices: number }
  | { id: number; type: 'response'; response: SerializedResponse | null }
  | { id: number; type: 'timing'; timing: TraceTiming | null }
  | { id: number; type: 'error'; message: string }
