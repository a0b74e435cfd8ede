/**
 * The trace an address names (/traces/:id), requested before the console's own code has loaded,
 * where traces come from a console API served for real (config.json, or the settings page's
 * override, says `"traces": { "kind": "console" }`). The build bundles `./page/early-trace.ts`, which
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
}

export function startEarlyTrace(win: Window, settings: EarlyTraceSettings): void {
  const id = sourceTraceIdOfPath(win.location.pathname)
  if (id === null) return
  const controller = new AbortController()
  const request = win
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
      if (traces === null || typeof traces !== 'object') return null
      const { kind, baseUrl } = traces as { kind?: unknown; baseUrl?: unknown }
      if (kind !== 'console' || (baseUrl !== undefined && typeof baseUrl !== 'string')) return null
      const url = `${(baseUrl ?? '').replace(/\/$/, '')}${settings.apiPath}/traces/${encodeURIComponent(id)}`
      const response = win.fetch(url, { signal: controller.signal, headers: { Accept: settings.accept } })
      // an answer nobody takes must not count as an unhandled failure
      response.catch(() => undefined)
      return { url, accept: settings.accept, response }
    })
    .catch(() => null)
  const early: EarlyTrace = { request, abort: () => controller.abort() }
  win.__tracelensEarlyTrace = early
}
