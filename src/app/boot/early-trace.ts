/**
 * The trace an address names (/traces/:id), requested before the console's own code has loaded,
 * where traces come from a backend served for real (config.json, or the settings page's override):
 * the console API (`"kind": "console"`, its NDJSON stream), Jaeger with its API named
 * (`"api": "legacy"` or `"v3"`; with `"auto"` the console must first ask which one the server has)
 * and Tempo (its v2 API; a Tempo without it answers 404 and the console then asks the v1 API).
 * Nothing is asked early for a source with an Authorization header (the early script does not send
 * it, and the console only takes an answer asked for as it would ask). The build bundles `./page/early-trace.ts`, which
 * calls `startEarlyTrace`, into index.html as its first script (vite.config.ts, earlyTrace), so the
 * request leaves while the shell's scripts still download and compile. Boot then hands that answer to the trace loader (`earlyTraceHandOff`,
 * ./early-answer.ts), and the console API source reads it instead of asking again. Nothing is
 * requested for the synthetic world (its service worker does not run yet) or for other kinds of
 * source. What it imports is bundled into that script, so it imports only small pure modules
 * (src/lib/trace-path.ts), never the console's.
 */

import { sourceTraceIdOfPath } from '../../lib/trace-path'

/**
 * What the early script leaves for the console: `window.__tracelensEarlyTrace`, the one window
 * global between the page's first script and boot, read once by `earlyTraceHandOff`.
 */
export interface EarlyTrace {
  /** the trace's address and the media type asked for, or null when nothing was requested */
  request: Promise<{ url: string; accept: string; response: Promise<Response> } | null>
  /** stops the early request (its answer then errors) */
  abort: () => void
  /**
   * The reader worker started beside a backend's request (the worker a Jaeger or Tempo answer is
   * parsed in, src/api/trace-loading/backend), so its code is loaded before the console asks for
   * it; taken by the console (`earlyTraceHandOff`), null until started and once taken.
   */
  reader: Worker | null
}

declare global {
  interface Window {
    __tracelensEarlyTrace?: EarlyTrace
  }
}

export interface EarlyTraceSettings {
  configUrl: string
  overridesKey: string
  /** the console API's path under the configured base URL */
  apiPath: string
  accept: string
  /** the media type a backend's whole-JSON trace is asked for with (backend-http.ts, read-backend-trace.ts) */
  backendAccept: string
}

/**
 * The console's own names for these (config.ts, console-api.ts, trace-stream.ts), repeated here so
 * the build can read this module without loading the console; early-trace.test.ts keeps them equal.
 */
export const EARLY_TRACE_SETTINGS: EarlyTraceSettings = {
  configUrl: '/config.json',
  overridesKey: 'tracelens.config.overrides',
  apiPath: '/api/v1',
  accept: 'application/x-ndjson',
  backendAccept: 'application/json',
}

/**
 * Where the console itself will ask for trace `id` with the traces source `traces` (as configured),
 * and with which media type; null when nothing should be asked early.
 */
export function earlyTraceRequest(traces: unknown, id: string, settings: EarlyTraceSettings): { url: string; accept: string } | null {
  if (traces === null || typeof traces !== 'object') return null
  const { kind, baseUrl, api, authHeader } = traces as { kind?: unknown; baseUrl?: unknown; api?: unknown; authHeader?: unknown }
  if (baseUrl !== undefined && typeof baseUrl !== 'string') return null
  const enc = encodeURIComponent(id)
  if (kind === 'console') return { url: `${(baseUrl ?? '').replace(/\/$/, '')}${settings.apiPath}/traces/${enc}`, accept: settings.accept }
  if (authHeader !== undefined) return null
  // as backendUrl (src/api/backend-http.ts) joins them
  const base = (baseUrl ?? '').replace(/\/+$/, '')
  if (kind === 'jaeger' && api === 'legacy') return { url: `${base}/api/traces/${enc}`, accept: settings.backendAccept }
  if (kind === 'jaeger' && api === 'v3') return { url: `${base}/api/v3/traces/${enc}`, accept: settings.backendAccept }
  if (kind === 'tempo') return { url: `${base}/api/v2/traces/${enc}`, accept: settings.backendAccept }
  return null
}

/**
 * Asks for the trace the address names, as the console will (see the file's head). `readerUrl`:
 * the address of the built reader worker (vite.config.ts), started beside a backend's request.
 */
export function startEarlyTrace(win: Window, settings: EarlyTraceSettings, readerUrl?: string): void {
  const id = sourceTraceIdOfPath(win.location.pathname)
  if (id === null) return
  const controller = new AbortController()
  const early: EarlyTrace = { request: Promise.resolve(null), abort: () => controller.abort(), reader: null }
  early.request = win
    .fetch(settings.configUrl)
    .then((r) => (r.ok ? r.json() : r.status === 404 ? {} : null))
    .then((config: unknown) => {
      if (config === null || typeof config !== 'object') return null
      let traces: unknown = (config as { traces?: unknown }).traces
      try {
        const raw = win.localStorage.getItem(settings.overridesKey)
        const override: unknown = raw ? (JSON.parse(raw) as { traces?: unknown }).traces : undefined
        if (override !== undefined) traces = override
      } catch {
        // unreadable overrides count as none, as in the console itself
      }
      const asked = earlyTraceRequest(traces, id, settings)
      if (!asked) return null
      const response = win.fetch(asked.url, { signal: controller.signal, headers: { Accept: asked.accept } })
      // an answer nobody takes must not count as an unhandled failure
      response.catch(() => undefined)
      // a backend's whole-JSON answer is read in a worker: its code loads while the console's does
      const WorkerOf = (win as Window & { Worker?: typeof Worker }).Worker
      try {
        if (readerUrl && asked.accept === settings.backendAccept && WorkerOf) early.reader = new WorkerOf(readerUrl, { type: 'module' })
      } catch {
        // (a page that may not start workers: the console reads the answer without one)
      }
      return { ...asked, response }
    })
    .catch(() => null)
  win.__tracelensEarlyTrace = early
}
