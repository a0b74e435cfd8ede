import { describe, expect, it } from 'vitest'
import { bigTraceId, DUPLICATE_SPAN_TRACE_ID, FANOUT_TRACE_ID, HOSTILE_TRACE_ID, INCIDENT_A_TRACE_ID, ORPHAN_TRACE_ID, POSTTRACE_ASYNC_TRACE_ID, POSTTRACE_LATENCY_TRACE_ID, POSTTRACE_TRACE_ID, SKEWED_TRACE_ID } from '../../../../../mocks/synthetic/catalogue'
import { buildTrace } from '../../../../../mocks/synthetic/trace'
import { extractErrorChains } from '../../../../domain/error-chain/extract'
import type { Trace } from '../../../../domain/model'
import { restoreTrace, slimTrace, slimTraceInParts, slimTransferables } from '../../../../domain/trace/slim-trace'
import { span, trace as makeTrace } from '../../../../domain/trace/fixtures.test-util'
import { packedTreeOf } from '../../../../api/trace-loading/files/trace-file-steps'
import { analyse, analyseWithTree, compareOf, flameOf, graphOf } from './compute'
import type { AnalysedTrace } from './compute'

const load = (id: string): Trace => {
  const t = buildTrace(id)
  if (!t) throw new Error(`no trace ${id}`)
  return t
}

/** What a packed trace must preserve: everything the worker's analyses give the page. */
function analyses(t: Trace, adjustSkew: boolean, a: AnalysedTrace = analyse(t, adjustSkew)) {
  return {
    nodes: a.tree.nodes.map((n) => [n.key, n.kind, n.parent, n.start, n.duration, n.isError, n.isTrigger]),
    warnings: a.tree.warnings,
    flamePath: flameOf(a, 'path'),
    flameSpan: flameOf(a, 'span'),
    graphServices: graphOf(a, 'service'),
    graphOperations: graphOf(a, 'operation'),
    chains: extractErrorChains(t).chains,
  }
}

/** The packed trace as the worker receives it (typed arrays moved, the rest copied). */
const viaWorker = (t: Trace): Trace => {
  const slim = slimTrace(t)
  return restoreTrace(structuredClone(slim, { transfer: slimTransferables(slim) }))
}

describe('a trace packed for the analysis worker', () => {
  const ids = { INCIDENT_A_TRACE_ID, POSTTRACE_TRACE_ID, POSTTRACE_LATENCY_TRACE_ID, POSTTRACE_ASYNC_TRACE_ID, SKEWED_TRACE_ID, ORPHAN_TRACE_ID, DUPLICATE_SPAN_TRACE_ID, FANOUT_TRACE_ID, HOSTILE_TRACE_ID, big: bigTraceId(3000) }
  for (const [name, id] of Object.entries(ids)) {
    it(`gives the same tree, flame graphs, service graphs and error chains as the trace itself (${name})`, () => {
      const t = load(id)
      const back = viaWorker(t)
      expect(back.spans).toHaveLength(t.spans.length)
      for (const skew of [true, false]) expect(analyses(back, skew)).toEqual(analyses(t, skew))
    })
  }

  for (const [name, id] of Object.entries(ids)) {
    it(`with the tree its reader built, puts that tree together and gives the same analyses as building it (${name})`, () => {
      const t = load(id)
      // the reader's tree (skew-corrected), copied to the worker as the page sends it
      const packed = structuredClone(packedTreeOf(t))
      const back = viaWorker(t)
      const a = analyseWithTree(back, true, packed)
      expect(a.tree.critical).toBe(packed.critical)
      expect(analyses(back, true, a)).toEqual(analyses(t, true))
      // the page shows raw timing: the skew-corrected columns are not used, the tree is built raw
      const raw = analyseWithTree(back, false, packed)
      expect(raw.tree.critical).toBeUndefined()
      expect(analyses(back, false, raw)).toEqual(analyses(t, false))
    })
  }

  it('builds the tree itself when the columns sent do not fit the trace', () => {
    const t = load(INCIDENT_A_TRACE_ID)
    const other = structuredClone(packedTreeOf(load(FANOUT_TRACE_ID)))
    const a = analyseWithTree(viaWorker(t), true, other)
    expect(a.tree.critical).toBeUndefined()
    expect(analyses(t, true, a)).toEqual(analyses(t, true))
  })

  it('gives the same comparison, with the same first spans per row', () => {
    const a = load(INCIDENT_A_TRACE_ID)
    const b = load(FANOUT_TRACE_ID)
    expect(compareOf(analyse(viaWorker(a), true), analyse(viaWorker(b), true))).toEqual(compareOf(analyse(a, true), analyse(b, true)))
  })

  it('keeps what error chains read of a failed call whose callee was not captured (an RPC: a gap) and of the retry that recovered it', () => {
    const t = makeTrace([
      span('r', null, 0, 100, { service: 'gw', name: 'GET /', status: 'error', tags: { StatusCode: 502 } }),
      span('c1', 'r', 10, 20, { service: 'gw', name: 'Charge', kind: 'client', status: 'error', tags: { ToService: 'pay', ToMethod: 'Charge', ToServiceType: 'grpc', StatusCode: 503 } }),
      span('c2', 'r', 40, 20, { service: 'gw', name: 'Charge', kind: 'client', tags: { ToService: 'pay', ToMethod: 'Charge', ToServiceType: 'grpc', StatusCode: 200, 'rpc.grpc.request.metadata.grpc-previous-rpc-attempts': 1 } }),
    ])
    const chains = extractErrorChains(t).chains
    expect(chains.length).toBeGreaterThan(0)
    expect(extractErrorChains(viaWorker(t)).chains).toEqual(chains)
  })

  it('keeps ids with any characters, roots, relations, retries and exceptions, and drops what no analysis reads', () => {
    const t = makeTrace([
      span('a\nb', null, 0, 100, { tags: { Payload: 'x'.repeat(1000), StatusCode: 500, IsError: true }, resource: { ServiceName: 'svc', PodName: 'p-1' }, metrics: { size: 3 } }),
      span('', 'a\nb', 10, 20, { kind: 'consumer', parentRelation: 'follows_from', events: [{ time: 12, name: 'log', attributes: {} }, { time: 13, name: 'exception', attributes: { 'exception.type': 'E' } }] }),
      span('c', 'gone', 40, 5, { traceId: 'other', kind: 'client', tags: { ToService: 'db', ToMethod: 'GET', 'http.request.resend_count': 1 } }),
    ])
    const back = viaWorker(t)
    expect(back.spans.map((s) => [s.traceId, s.spanId, s.parentSpanId, s.kind, s.parentRelation, s.status])).toEqual([
      ['t1', 'a\nb', null, 'server', undefined, 'ok'],
      ['t1', '', 'a\nb', 'consumer', 'follows_from', 'ok'],
      ['other', 'c', 'gone', 'client', undefined, 'ok'],
    ])
    expect(back.spans[0].tags).toEqual({ StatusCode: 500, IsError: true })
    expect(back.spans[0].resource).toEqual({})
    expect(back.spans[0].metrics).toEqual({})
    expect(back.spans[1].events.map((e) => e.name)).toEqual(['exception'])
    expect(back.spans[2].tags).toEqual({ ToService: 'db', ToMethod: 'GET', 'http.request.resend_count': 1 })
  })
})

describe('a trace packed in parts', () => {
  it('is packed as in one go, with a turn for the page between parts', async () => {
    // a trace with spans of other traces, kept tags and events, packed 700 spans at a time
    for (const t of [load(bigTraceId(3000)), load(INCIDENT_A_TRACE_ID), load(DUPLICATE_SPAN_TRACE_ID)]) {
      let turns = 0
      const inParts = await slimTraceInParts(t, async () => void turns++, 700)
      expect(inParts).toEqual(slimTrace(t))
      expect(turns).toBe(Math.ceil(t.spans.length / 700) - 1)
    }
  })
})
