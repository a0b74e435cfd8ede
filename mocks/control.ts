import { delay, http, HttpResponse } from 'msw'
import type { ApiErrorBody } from '../src/api/schemas/common'

/**
 * Scenario controls in front of every console API handler: response latency and injected faults.
 * Tests (Vitest and Playwright) use them to play slow, failing and flaky backends.
 */
export interface Fault {
  /** path prefix under the origin, e.g. "/api/v1/topology" */
  path: string
  status: number
  message?: string
  /** how many requests fail before the fault clears; Infinity for a lasting fault */
  times: number
  /** answer after this many ms instead of failing at once (to play timeouts) */
  hangMs?: number
}

/** An answer given in place of the world's: plays a backend whose data the world does not hold. */
export interface InjectedAnswer {
  /** path prefix under the origin, e.g. "/api/v1/alerts" */
  path: string
  /** the JSON body answered (it must be a valid answer of that endpoint) */
  body: unknown
  /** how many requests get it; Infinity for every one */
  times: number
}

export interface ScenarioConfig {
  /** delay before every answer, in ms; realistic latency in the browser, zero in tests */
  latencyMs: number
  faults: Fault[]
  answers: InjectedAnswer[]
}

export const scenario: ScenarioConfig = { latencyMs: 0, faults: [], answers: [] }

export function setLatency(ms: number): void {
  scenario.latencyMs = Math.max(0, ms)
}

export function injectFault(fault: Fault): void {
  scenario.faults.push({ ...fault })
}

/** Clears the injected faults and answers: the world answers every request again. */
export function clearFaults(): void {
  scenario.faults.length = 0
  scenario.answers.length = 0
}

export function injectAnswer(answer: InjectedAnswer): void {
  scenario.answers.push({ ...answer })
}

export const controlHandler = http.all('/api/v1/*', async ({ request }) => {
  const path = new URL(request.url).pathname
  const fault = scenario.faults.find((f) => path.startsWith(f.path) && f.times > 0)
  if (scenario.latencyMs > 0) await delay(scenario.latencyMs)
  const answer = fault ? undefined : scenario.answers.find((a) => path.startsWith(a.path) && a.times > 0)
  if (answer) {
    answer.times -= 1
    return HttpResponse.json(answer.body as Record<string, unknown>)
  }
  if (!fault) return undefined // fall through to the world's handlers
  fault.times -= 1
  if (fault.hangMs) await delay(fault.hangMs)
  const body: ApiErrorBody = {
    error: { code: fault.status >= 500 ? 'backend_error' : 'bad_request', message: fault.message ?? 'injected failure' },
  }
  return HttpResponse.json(body, { status: fault.status })
})
