import { z } from 'zod'
import type { ErrorVolumes } from '../../domain/error-chain/volumes'
import { PartialitySchema } from './common'
import type { Proven, SameType } from './common'
import { deferred } from './deferred'

const count = deferred(() => z.number().nonnegative())

const WindowErrorVolumesSchema = deferred(() => z.object({
  from: z.number(),
  to: z.number(),
  requests: count,
  errorTraces: count.nullable(),
  chains: z.array(
    z.object({
      signature: z.string().min(1),
      hops: z.array(z.object({ service: z.string(), operation: z.string() })).min(1),
      stop: z.enum(['entry', 'swallowed', 'recovered']),
      asyncEntry: z.boolean(),
      count,
    }),
  ),
  origins: z.array(z.object({ service: z.string(), count })),
  entries: z.array(z.object({ service: z.string(), operation: z.string(), count })),
}))

/** GET /api/v1/errors/volumes */
export const ErrorVolumesResponseSchema = deferred(() => z.object({
  basis: z.object({ kind: z.enum(['exact', 'model']), note: z.string() }),
  window: WindowErrorVolumesSchema,
  yesterday: WindowErrorVolumesSchema,
  partial: PartialitySchema.nullable(),
}))
export type ErrorVolumesResponse = z.infer<typeof ErrorVolumesResponseSchema>

/** The error volumes answer is the domain's, both ways (checked when the build compiles). */
export type ErrorVolumesWireIsDomain = Proven<[SameType<ErrorVolumesResponse, ErrorVolumes>]>
