import { z } from 'zod'
import { SPAN_KINDS } from '../../domain/model'
import type { ServiceSummary } from '../../domain/model'

export const ServiceSummarySchema = z.object({
  name: z.string().min(1),
  layer: z.string(),
  framework: z.string(),
  dcs: z.array(z.string()),
  clusters: z.array(z.string()),
  operations: z.array(z.object({ name: z.string(), kind: z.enum(SPAN_KINDS) })),
})
export type ServiceSummaryWire = z.infer<typeof ServiceSummarySchema>

/** GET /api/v1/services */
export const ServicesResponseSchema = z.object({ services: z.array(ServiceSummarySchema) })
export type ServicesResponse = z.infer<typeof ServicesResponseSchema>

const fits: (w: ServiceSummaryWire) => ServiceSummary = (w) => w
void fits
