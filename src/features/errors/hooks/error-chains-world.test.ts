/**
 * The per-trace error-chain rules against the synthetic world's own ground truth: the world marks
 * the span where each failure started with an `exception` (or `panic`) event, retries with
 * `http.request.resend_count`, and async consumers with `parentRelation: follows_from`
 * (docs/api.md). Over a quiet hour's error traces, the origins found must be exactly those spans.
 */
import { createConsoleApiSource } from '../../../api/sources/console-api'
import { extractErrorChains } from '../../../domain/error-chain/extract'
import type { Span, Trace } from '../../../domain/model'
import { pinNow } from '../../../lib/clock'

const NOW = Date.parse('2026-11-23T10:00:00Z')
const HOUR = 3_600_000
const ownFailure = (s: Span) => s.events.some((e) => e.name === 'exception' || e.name === 'panic')

describe('error chains of the synthetic world', () => {
  let traces: Trace[] = []
  beforeAll(async () => {
    pinNow(NOW)
    const source = createConsoleApiSource()
    const found = await source.searchTraces({ from: NOW - 3 * HOUR, to: NOW - 2 * HOUR, status: 'error', limit: 300 })
    traces = await Promise.all(found.traces.map((t) => source.getTrace(t.traceId)))
  }, 120_000)

  it('finds exactly the spans where the world started a failure as origins: fan-outs, retries and parents with children failing alike', () => {
    let checked = 0
    for (const t of traces) {
      const expected = t.spans.filter(ownFailure).map((s) => s.spanId).sort()
      const found = extractErrorChains(t).chains.map((c) => c.id).sort()
      expect({ trace: t.traceId, origins: found }).toEqual({ trace: t.traceId, origins: expected })
      checked += 1
    }
    expect(checked).toBeGreaterThan(100)
  })

  it('reads a call as recovered only when a retry marked with http.request.resend_count succeeded, and such retries exist', () => {
    let recovered = 0
    for (const t of traces) {
      for (const c of extractErrorChains(t).chains) {
        if (c.stop !== 'recovered') continue
        recovered += 1
        const retried = t.spans.some((s) => Number(s.tags['http.request.resend_count']) >= 1 && s.status !== 'error')
        expect({ trace: t.traceId, retried }).toEqual({ trace: t.traceId, retried: true })
      }
    }
    expect(recovered).toBeGreaterThan(0)
  })

  it('ends a failing consumer’s chain at the consumer, never at the producing request', () => {
    let consumers = 0
    for (const t of traces) {
      const chains = extractErrorChains(t).chains
      for (const s of t.spans) {
        if (s.kind !== 'consumer' || !ownFailure(s)) continue
        consumers += 1
        const chain = chains.find((c) => c.id === s.spanId)
        expect(chain).toMatchObject({ asyncEntry: true, stop: 'entry' })
        expect(chain?.end.service).toBe(s.service)
      }
      for (const c of chains) expect(t.spans.find((s) => s.spanId === c.spanIds[c.spanIds.length - 1])?.kind).not.toBe('producer')
    }
    expect(consumers).toBeGreaterThan(0)
  })
})
