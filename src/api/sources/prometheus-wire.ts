import { z } from 'zod'
import { deferred } from '../schemas/deferred'

/**
 * Wire shapes of the Prometheus HTTP API (also served by Thanos, Mimir, Cortex, VictoriaMetrics).
 * Sample values are strings ("0.25", "NaN", "+Inf"); timestamps are unix seconds with a fraction.
 */
const Envelope = <T extends z.ZodType>(data: T) =>
  z.object({
    status: z.literal('success'),
    data,
    warnings: z.array(z.string()).optional(),
    infos: z.array(z.string()).optional(),
  })

export const PromSampleSchema = deferred(() => z.tuple([z.number(), z.string()]))
export type PromSample = z.infer<typeof PromSampleSchema>

export const PromMatrixSchema = deferred(() => z.object({
  resultType: z.literal('matrix'),
  result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(PromSampleSchema).default([]) })),
}))

export const PromVectorSchema = deferred(() => z.object({
  resultType: z.literal('vector'),
  result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: PromSampleSchema })),
}))

/** /api/v1/query_range */
export const PromRangeResponseSchema = deferred(() => Envelope(PromMatrixSchema))
export type PromRangeResponse = z.infer<typeof PromRangeResponseSchema>

/** /api/v1/query (vector answers only: the adapter never asks for scalars) */
export const PromInstantResponseSchema = deferred(() => Envelope(PromVectorSchema))
export type PromInstantResponse = z.infer<typeof PromInstantResponseSchema>

/** /api/v1/labels and /api/v1/label/<name>/values */
/** /api/v1/status/flags: every command-line flag as text ("enable-feature": "exemplar-storage"). */
export const PromFlagsResponseSchema = deferred(() => Envelope(z.record(z.string(), z.string())))

export const PromStringListResponseSchema = deferred(() => Envelope(z.array(z.string()).nullable().transform((v) => v ?? [])))

export const PromExemplarSchema = deferred(() => z.object({
  labels: z.record(z.string(), z.string()),
  value: z.string(),
  timestamp: z.number(),
}))

/** /api/v1/query_exemplars */
export const PromExemplarsResponseSchema = deferred(() => Envelope(
  z
    .array(z.object({ seriesLabels: z.record(z.string(), z.string()), exemplars: z.array(PromExemplarSchema).default([]) }))
    .nullable()
    .transform((v) => v ?? []),
))
export type PromExemplarsResponse = z.infer<typeof PromExemplarsResponseSchema>

/** /api/v1/alerts */
export const PromAlertsResponseSchema = deferred(() => Envelope(
  z.object({
    alerts: z.array(
      z.object({
        labels: z.record(z.string(), z.string()),
        annotations: z.record(z.string(), z.string()).default({}),
        state: z.string(),
        activeAt: z.string().optional(),
        value: z.string().optional(),
      }),
    ),
  }),
))

/** A sample value as a number; NaN and infinities (no data, empty histogram) become null. */
export function sampleValue(v: string): number | null {
  const n = Number(v)
  return Number.isFinite(n) ? n : null
}
