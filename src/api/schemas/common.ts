import { z } from 'zod'
import { deferred } from './deferred'

/** Shared wire pieces of the console API (/api/v1). */
export const TagValueSchema = deferred(() => z.union([z.string(), z.number(), z.boolean()]))

export const PartialitySchema = deferred(() => z.object({
  missingDcs: z.array(z.string()),
  reason: z.string().nullable(),
  /** when the missing DCs did not answer (ms), so the console can say it in its own time zone */
  silentFrom: z.number().optional(),
  silentTo: z.number().optional(),
}))
export type PartialityWire = z.infer<typeof PartialitySchema>

/** Body of every non-2xx answer of the console API. */
export const ApiErrorBodySchema = deferred(() => z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** the offending parameter, for 400 answers */
    param: z.string().optional(),
  }),
}))
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>

/** True when A and B are the same type (each assignable to the other). */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
/** Compiles only when every check is true: a proof, at build time, that wire types are the domain's. */
export type Proven<T extends true[]> = T
