/**
 * The paths worker receives traces packed (slim-trace.ts): its digests and aggregates must equal
 * those of the traces themselves, for the special traces of the synthetic world (skew, orphans,
 * PostTrace, fan-out, duplicates) and for callees named only by OpenTelemetry attributes.
 */
import { describe, expect, it } from 'vitest'
import { DUPLICATE_SPAN_TRACE_ID, FANOUT_TRACE_ID, INCIDENT_A_TRACE_ID, ORPHAN_TRACE_ID, POSTTRACE_ASYNC_TRACE_ID, POSTTRACE_TRACE_ID, SKEWED_TRACE_ID } from '../../../../mocks/synthetic/catalogue'
import { buildTrace } from '../../../../mocks/synthetic/trace'
import { EMPTY_DESIGN } from '../../../domain/error-chain/estimate'
import type { Trace } from '../../../domain/model'
import { aggregatePaths } from '../../../domain/paths/aggregate'
import { digestPathTrace } from '../../../domain/paths/digest'
import { digestSources } from '../../../domain/paths/sources'
import { span, trace as makeTrace } from '../../../domain/trace/fixtures.test-util'
import { restoreTrace, slimTrace, slimTransferables } from '../../../domain/trace/slim-trace'

/** The trace as the worker gets it: packed, its buffers moved, unpacked. */
const viaWorker = (t: Trace): Trace => {
  const slim = slimTrace(t)
  return restoreTrace(structuredClone(slim, { transfer: slimTransferables(slim) }))
}

const load = (id: string): Trace => {
  const t = buildTrace(id)
  if (!t) throw new Error(`no trace ${id}`)
  return t
}

const rootOf = (t: Trace) => {
  const root = t.spans.find((s) => s.parentSpanId === null) ?? t.spans[0]
  if (!root) throw new Error('empty trace')
  return { service: root.service, operation: root.name }
}

describe('traces packed for the paths worker', () => {
  const ids = { INCIDENT_A_TRACE_ID, POSTTRACE_TRACE_ID, POSTTRACE_ASYNC_TRACE_ID, SKEWED_TRACE_ID, ORPHAN_TRACE_ID, DUPLICATE_SPAN_TRACE_ID, FANOUT_TRACE_ID }
  for (const [name, id] of Object.entries(ids)) {
    it(`give the same path digest and traffic-source digest as the trace itself (${name})`, () => {
      const t = load(id)
      const entry = rootOf(t)
      expect(digestPathTrace(viaWorker(t), entry)).toEqual(digestPathTrace(t, entry))
      const target = { service: t.spans[t.spans.length - 1]?.service ?? '' }
      expect(digestSources(viaWorker(t), target)).toEqual(digestSources(t, target))
    })
  }

  it('keep the OpenTelemetry attributes that name a callee (peer, database, messaging)', () => {
    const t = makeTrace([
      span('r', null, 0, 1000, { service: 'gw', name: 'GET /' }),
      span('a', 'r', 10, 100, { service: 'gw', name: 'call', kind: 'client', tags: { 'peer.service': 'billing' } }),
      span('b', 'r', 200, 100, { service: 'gw', name: 'query', kind: 'client', tags: { 'db.system': 'postgresql', 'db.operation': 'SELECT' } }),
      span('c', 'r', 400, 10, { service: 'gw', name: 'send', kind: 'producer', tags: { 'messaging.system': 'kafka', 'messaging.destination.name': 'orders' } }),
    ])
    const entry = { service: 'gw', operation: 'GET /' }
    const names = (tr: Trace) => aggregatePaths([digestPathTrace(tr, entry)], EMPTY_DESIGN, { from: 0, to: 1 }, entry).nodes.map((n) => `${n.service}::${n.operation}`).sort()
    expect(names(t)).toEqual(['billing::call', 'gw::GET /', 'kafka::orders', 'postgresql::SELECT'])
    expect(names(viaWorker(t))).toEqual(names(t))
  })
})
