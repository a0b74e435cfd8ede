import { z } from 'zod'
import { CHANGE_KINDS } from '../../domain/model'
import type { Alert, ChangeEvent, LogLine, SampleTrace } from '../../domain/model'
import { deferred } from './deferred'

export const ChangeEventSchema = deferred(() => z.object({
  id: z.string().min(1),
  time: z.number(),
  service: z.string(),
  kind: z.enum(CHANGE_KINDS),
  description: z.string(),
  version: z.string().nullable(),
  dc: z.string().nullable(),
  cluster: z.string().nullable(),
  deployStage: z.string().nullable(),
}))
/** GET /api/v1/changes */
export const ChangesResponseSchema = deferred(() => z.object({ changes: z.array(ChangeEventSchema) }))
export type ChangesResponse = z.infer<typeof ChangesResponseSchema>

export const AlertSchema = deferred(() => z.object({
  id: z.string().min(1),
  service: z.string(),
  severity: z.enum(['warning', 'critical']),
  startsAt: z.number(),
  endsAt: z.number().nullable(),
  summary: z.string(),
  metric: z.string(),
}))
/** GET /api/v1/alerts */
export const AlertsResponseSchema = deferred(() => z.object({ alerts: z.array(AlertSchema) }))
export type AlertsResponse = z.infer<typeof AlertsResponseSchema>

export const SampleTraceSchema = deferred(() => z.object({
  traceId: z.string().min(1),
  name: z.string(),
  description: z.string(),
}))
/** GET /api/v1/samples: traces the backend offers as examples (optional; the synthetic world's special traces) */
export const SamplesResponseSchema = deferred(() => z.object({ samples: z.array(SampleTraceSchema) }))
export type SamplesResponse = z.infer<typeof SamplesResponseSchema>

export const LogLineSchema = deferred(() => z.object({
  time: z.number(),
  level: z.enum(['debug', 'info', 'warn', 'error', 'fatal']),
  service: z.string(),
  pod: z.string(),
  traceId: z.string(),
  spanId: z.string(),
  message: z.string(),
}))
/** GET /api/v1/logs */
export const LogsResponseSchema = deferred(() => z.object({ logs: z.array(LogLineSchema) }))
export type LogsResponse = z.infer<typeof LogsResponseSchema>

const fitsChange: (w: z.infer<typeof ChangeEventSchema>) => ChangeEvent = (w) => w
const fitsAlert: (w: z.infer<typeof AlertSchema>) => Alert = (w) => w
const fitsLog: (w: z.infer<typeof LogLineSchema>) => LogLine = (w) => w
void fitsChange
void fitsAlert
void fitsLog
const fitsSample: (w: z.infer<typeof SampleTraceSchema>) => SampleTrace = (w) => w
void fitsSample
