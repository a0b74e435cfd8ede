import type { SpanWire, TraceWire } from '../../src/api/schemas/trace'
import { generateBigSpans, generateMixedBigSpans } from './big-trace'
import { currentIncidents, OUTAGE_DC, overlapsOutage } from './incidents'
import type { Incidents } from './incidents'
import { samplerRateOf } from './sampling'
import { generateSpecial } from './special'
import { materialize, spanIdOf } from './spans'
import { generateSlowSpans, generateSpans, postTraceCapture } from './trace-gen'
import type { GenSpan, PostTraceTrigger } from './trace-gen'
import { decodeTraceId, rateOfCode } from './trace-id'
import type { TraceKey } from './trace-id'
import { slowThresholdUs } from './traffic'
import { getWorld } from './world'
import type { World } from './world'

/** Regenerates a trace from its id alone. */
export interface GeneratedTrace {
  key: TraceKey
  all: GenSpan[]
  kept: GenSpan[]
  trigger: GenSpan | null
  /** PostTrace captures: why capture began */
  reason: PostTraceTrigger | null
  /** catalogue traces: damage applied to the wire spans, and what the source warns about */
  post?: (spans: SpanWire[]) => SpanWire[]
  warnings?: string[]
}

export function generateFromKey(world: World, inc: Incidents, key: TraceKey): GeneratedTrace | null {
  if (key.kind === 2) {
    if (key.spanCount < 1) return null
    // entry 1: the mixed shape (catalogue bigMixedTraceId); anything else: the batch job
    const all = (key.entry === 1 ? generateMixedBigSpans : generateBigSpans)(world, inc, key.startMs, key.seed, key.spanCount)
    return { key, all, kept: all, trigger: null, reason: null }
  }
  if (key.kind === 3) return generateSpecial(world, inc, key)
  const entry = world.entries[key.entry]
  if (entry === undefined) return null
  const options = { world, inc, entry, startMs: key.startMs, seed: key.seed, dc: key.dc, forceError: key.forcedError }
  const all = key.forcedSlow ? generateSlowSpans(options) : generateSpans(options)
  if (key.mode !== 'posttrace') return { key, all, kept: all, trigger: null, reason: null }
  return { key, all, ...postTraceCapture(all) }
}

export function buildTrace(id: string, world: World = getWorld(), inc: Incidents = currentIncidents()): TraceWire | null {
  const key = decodeTraceId(id)
  if (!key) return null
  const gen = generateFromKey(world, inc, key)
  if (!gen) return null
  const wire = materialize(world, inc, id, key.seed, gen.all, gen.kept)
  const spans = gen.post ? gen.post(wire) : wire
  const warnings: string[] = []
  const startMs = key.startMs
  const endMs = startMs + (gen.all[0]?.dur ?? 0) / 1000
  if (key.dc === 1 && overlapsOutage(inc, startMs, endMs)) {
    warnings.push(`${OUTAGE_DC} did not answer while this trace ran; spans stored there may be missing`)
  }
  if (gen.trigger) warnings.push('PostTrace capture: calls that had finished before the trigger are absent')
  if (gen.warnings) warnings.push(...gen.warnings)
  return {
    traceId: id,
    spans,
    sampling: {
      mode: key.mode,
      rate: key.mode === 'dyed' ? 1 : rateOfCode(key.rateCode),
      samplerRate: samplerRateOf(world, key),
      triggerSpanId: gen.trigger ? spanIdOf(key.seed, gen.trigger.idx) : null,
      triggerTime: gen.trigger ? Math.floor(gen.trigger.start + gen.trigger.dur) : null,
      triggerReason: gen.reason,
      triggerThreshold: gen.trigger && gen.reason === 'latency' ? Math.round(slowThresholdUs(world.ops[gen.trigger.op]) ?? 0) : null,
    },
    warnings,
  }
}
