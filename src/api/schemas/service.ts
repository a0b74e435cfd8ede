import { z } from 'zod'
import { SPAN_KINDS } from '../../domain/model'
import type { ServiceSummary } from '../../domain/model'
import type { Proven, SameType } from './common'
import { deferred } from './deferred'

export const ServiceSummarySchema = deferred(() => z.object({
  name: z.string().min(1),
  layer: z.string(),
  framework: z.string(),
  dcs: z.array(z.string()),
  clusters: z.array(z.string()),
  operations: z.array(z.object({ name: z.string(), kind: z.enum(SPAN_KINDS) })),
}))
export type ServiceSummaryWire = z.infer<typeof ServiceSummarySchema>

/** GET /api/v1/services */
export const ServicesResponseSchema = deferred(() => z.object({ services: z.array(ServiceSummarySchema) }))
export type ServicesResponse = z.infer<typeof ServicesResponseSchema>

/** A service summary on the wire is the domain's, both ways (checked when the build compiles). */
export type ServiceWireIsDomain = Proven<[SameType<ServiceSummaryWire, ServiceSummary>]>
