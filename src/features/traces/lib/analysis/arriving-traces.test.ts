import { describe, expect, it } from 'vitest'
import { bigTraceId, INCIDENT_A_TRACE_ID } from '../../../../../mocks/synthetic/catalogue'
import { createConsoleApiSource } from '../../../../api/sources/console-api'
import { inThreadWorker } from '../../../../api/trace-loading/backend/read-backend-trace'
import { TraceLoader } from '../../../../api/trace-loading/trace-loader'
import type { Trace } from '../../../../domain/model'
import { buildTraceTree } from '../../../../domain/trace/tree'
import { ArrivingTraces, feedingTap } from './arriving-traces'
import type { FedTrace } from './arriving-traces'
import { analyse, flameOf, graphOf } from './compute'
import type { AnalysedTrace } from './compute'
import type { AnalysisNote } from './protocol'

const MIN = 5000

/** What the views read of an analysis. */
const views = (a: AnalysedTrace) => ({ flame: flameOf(a, 'path'), spans: flameOf(a, 'span'), graph: graphOf(a, 'service'), ops: graphOf(a, 'operation') })

/**
 * A loader whose read of `traceId` is fed, message by message and as a worker would get it (each
 * note cloned, the listed buffers moved), to an ArrivingTraces.
 */
function fedLoad(traceId: string) {
  const loader = new TraceLoader({}, { startWorker: inThreadWorker })
  const source = createConsoleApiSource()
  const arriving = new ArrivingTraces()
  const notes: AnalysisNote['type'][] = []
  const fed: FedTrace[] = []
  const loaded: Trace[] = []
  const tap = feedingTap('t1', MIN, (note, transfer) => {
    notes.push(note.type)
    const got = arriving.take(structuredClone(note, { transfer }))
    if (got) fed.push(got)
  }, (t) => loaded.push(t))
  loader.tap(source.id, traceId, tap)
  return { load: () => loader.load(source, traceId), loader, arriving, notes, fed, loaded, tap }
}

describe('a trace fed to the analysis worker as it arrives', () => {
  it('gives the worker the trace with the reader\'s tree and the same flame graphs and service graphs, and leaves the page\'s trace whole', async () => {
    const id = bigTraceId(6000)
    const f = fedLoad(id)
    const trace = await f.load()
    expect(f.fed).toHaveLength(1)
    expect(f.loaded).toEqual([trace])
    expect(f.notes.every((n) => n === 'feed')).toBe(true)
    expect(f.arriving.size).toBe(0)
    const got = f.fed[0]
    expect(got.key).toBe('t1')
    expect(got.adjustSkew).toBe(true)
    expect(got.trace.spans).toHaveLength(6000)
    // the tree was put together from the reader's columns, not built again
    expect(got.analysed.tree.critical).toBeDefined()
    expect(views(got.analysed)).toEqual(views(analyse(trace, true)))
    // the page's spans and tree are intact after the blocks' buffers moved on
    expect(trace.spans).toHaveLength(6000)
    const tree = f.loader.trees.get(trace)
    expect(tree?.nodes.map((n) => n.key)).toEqual(buildTraceTree(trace).nodes.map((n) => n.key))
  })

  it('sends nothing at all for a trace too small for the worker (so no worker is started for it)', async () => {
    const f = fedLoad(INCIDENT_A_TRACE_ID)
    const trace = await f.load()
    expect(trace.spans.length).toBeLessThan(MIN)
    expect(f.fed).toHaveLength(0)
    expect(f.loaded).toHaveLength(0)
    expect(f.notes).toEqual([])
    expect(f.arriving.size).toBe(0)
  })

  it('tells the worker to forget a big trace it was being fed when the read fails after the head', () => {
    const notes: AnalysisNote['type'][] = []
    const tap = feedingTap('t3', MIN, (n) => notes.push(n.type), () => undefined)
    tap.message({ type: 'start', format: 'console', ids: ['a'], warnings: [] })
    expect(notes).toEqual([])
    tap.message({ type: 'head', trace: 0, head: { traceId: 'a', sampling: { mode: 'probability', rate: 1, samplerRate: 1, triggerSpanId: null, triggerTime: null }, warnings: [], spanCount: MIN } })
    expect(notes).toEqual(['feed', 'feed'])
    tap.failed()
    expect(notes).toEqual(['feed', 'feed', 'drop'])
  })

  it('ignores a read it joined half-way, and forgets a feed whose messages do not fit together', () => {
    const notes: AnalysisNote[] = []
    const tap = feedingTap('t2', MIN, (n) => notes.push(n), () => undefined)
    tap.message({ type: 'done' })
    tap.message({ type: 'start', format: 'console', ids: ['a'], warnings: [] })
    expect(notes).toHaveLength(0)
    const arriving = new ArrivingTraces()
    expect(arriving.take({ type: 'feed', key: 'x', message: { type: 'start', format: 'console', ids: ['a'], warnings: [] } })).toBeNull()
    expect(arriving.size).toBe(1)
    // a block before the trace's head
    expect(arriving.take({ type: 'feed', key: 'x', message: { type: 'done' } })).toBeNull()
    expect(arriving.size).toBe(0)
  })

  it('stops feeding when the page no longer wants the trace', async () => {
    const f = fedLoad(bigTraceId(6000))
    const load = f.load()
    f.tap.failed()
    await load
    expect(f.fed).toHaveLength(0)
    expect(f.loaded).toHaveLength(0)
  })
})
