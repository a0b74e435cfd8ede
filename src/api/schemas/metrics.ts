import { z } from 'zod'
import { METRIC_NAMES } from '../../domain/model'
import type { Exemplar, MetricResult } from '../../domain/model'
import { PartialitySchema } from './common'
import { PERCENTILE_BASES } from '../../domain/metrics/percentile-basis'
import { deferred } from './deferred'

export const MetricSeriesSchema = deferred(() => z.object({
  labels: z.record(z.string(), z.string()),
  points: z.array(z.tuple([z.number(), z.number().nullable()])),
}))

/** GET /api/v1/metrics/query_range */
export const MetricResponseSchema = deferred(() => z.object({
  metric: z.enum(METRIC_NAMES),
  step: z.number().positive(),
  series: z.array(MetricSeriesSchema),
  partial: PartialitySchema.nullable(),
  /** latency metrics: what the percentiles rest on (docs/latency-percentiles.md) */
  percentileBasis: z.enum(PERCENTILE_BASES).optional(),
}))
export type MetricResponse = z.infer<typeof MetricResponseSchema>

/** GET /api/v1/metrics/labels */
export const MetricLabelsResponseSchema = deferred(() => z.object({
  labels: z.record(z.string(), z.array(z.string())),
}))
export type MetricLabelsResponse = z.infer<typeof MetricLabelsResponseSchema>

export const ExemplarSchema = deferred(() => z.object({
  time: z.number(),
  traceId: z.string().min(1),
  spanId: z.string().min(1),
  service: z.string(),
  operation: z.string(),
  latency: z.number().nonnegative(),
  isError: z.boolean(),
  labels: z.record(z.string(), z.string()),
}))

/** GET /api/v1/exemplars */
export const ExemplarsResponseSchema = deferred(() => z.object({
  exemplars: z.array(ExemplarSchema),
  partial: PartialitySchema.nullable(),
}))
export type ExemplarsResponse = z.infer<typeof ExemplarsResponseSchema>

const fitsMetric: (w: MetricResponse) => MetricResult = (w) => w
const fitsExemplar: (w: z.infer<typeof ExemplarSchema>) => Exemplar = (w) => w
void fitsMetric
void fitsExemplar
