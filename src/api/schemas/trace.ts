import { z } from 'zod'
import { POSTTRACE_TRIGGERS, SAMPLING_MODES, SPAN_KINDS, SPAN_RELATIONS, SPAN_STATUSES } from '../../domain/model'
import type { Span, Trace, TraceSearchResult } from '../../domain/model'
import { PartialitySchema, TagValueSchema } from './common'
import type { Proven, SameType } from './common'
import { deferred } from './deferred'

export const SpanEventSchema = deferred(() => z.object({
  time: z.number(),
  name: z.string(),
  attributes: z.record(z.string(), TagValueSchema),
}))

export const SpanSchema = deferred(() => z.object({
  traceId: z.string().min(1),
  spanId: z.string().min(1),
  parentSpanId: z.string().min(1).nullable(),
  name: z.string(),
  kind: z.enum(SPAN_KINDS),
  service: z.string(),
  startTime: z.number(),
  duration: z.number().nonnegative(),
  status: z.enum(SPAN_STATUSES),
  resource: z.record(z.string(), z.string()),
  tags: z.record(z.string(), TagValueSchema),
  events: z.array(SpanEventSchema),
  metrics: z.record(z.string(), z.number()),
  parentRelation: z.enum(SPAN_RELATIONS).optional(),
}))
export type SpanWire = z.infer<typeof SpanSchema>

export const SamplingSchema = deferred(() => z.object({
  mode: z.enum(SAMPLING_MODES),
  rate: z.number().positive().max(1),
  samplerRate: z.number().positive().max(1).nullable().optional(),
  rateKnown: z.boolean().optional(),
  triggerSpanId: z.string().nullable(),
  triggerTime: z.number().nullable(),
  triggerReason: z.enum(POSTTRACE_TRIGGERS).nullable().optional(),
  triggerThreshold: z.number().nonnegative().nullable().optional(),
}))

export const TraceSchema = deferred(() => z.object({
  traceId: z.string().min(1),
  spans: z.array(SpanSchema),
  sampling: SamplingSchema,
  warnings: z.array(z.string()),
}))
export type TraceWire = z.infer<typeof TraceSchema>

/** GET /api/v1/traces/:traceId */
export const TraceResponseSchema = deferred(() => z.object({ trace: TraceSchema }))
export type TraceResponse = z.infer<typeof TraceResponseSchema>

/** The span a span-level search matched (docs/api.md, `spanMinDuration` and friends). */
export const MatchedSpanSchema = deferred(() => z.object({
  spanId: z.string().min(1),
  service: z.string(),
  operation: z.string(),
  startTime: z.number(),
  duration: z.number().nonnegative(),
  status: z.enum(['ok', 'error', 'unknown']),
  count: z.number().int().positive(),
}))

export const TraceSummarySchema = deferred(() => z.object({
  traceId: z.string().min(1),
  rootService: z.string(),
  rootOperation: z.string(),
  rootCaptured: z.boolean().optional(),
  startTime: z.number(),
  duration: z.number().nonnegative(),
  spanCount: z.number().int().nonnegative(),
  errorCount: z.number().int().nonnegative(),
  services: z.array(
    z.object({ name: z.string(), spanCount: z.number().int(), errorCount: z.number().int() }),
  ),
  sampling: z.object({ mode: z.enum(SAMPLING_MODES), rate: z.number().positive().max(1), samplerRate: z.number().positive().max(1).nullable().optional() }),
  match: MatchedSpanSchema.optional(),
}))
export type TraceSummaryWire = z.infer<typeof TraceSummarySchema>

/** GET /api/v1/traces */
export const TraceSearchResponseSchema = deferred(() => z.object({
  traces: z.array(TraceSummarySchema),
  partial: PartialitySchema.nullable(),
  truncated: z.boolean(),
}))
export type TraceSearchResponse = z.infer<typeof TraceSearchResponseSchema>

/** The console API's trace shapes are the domain model, both ways (checked when the build compiles). */
export type TraceWireIsDomain = Proven<[SameType<SpanWire, Span>, SameType<TraceWire, Trace>, SameType<TraceSearchResponse, TraceSearchResult>]>
