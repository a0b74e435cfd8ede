import { z } from 'zod'
import { HEALTH_STATES } from '../../domain/model'
import type { Topology } from '../../domain/model'
import { PartialitySchema } from './common'
import type { Proven, SameType } from './common'
import { deferred } from './deferred'

/** Minutes of the window in which the element's data (all of it, or a DC's part) was missing. */
export const SilenceSchema = deferred(() => z.object({
  from: z.number(),
  to: z.number(),
  seconds: z.number().nonnegative(),
  whole: z.boolean(),
}))

export const TopologyNodeSchema = deferred(() => z.object({
  id: z.string().min(1),
  label: z.string(),
  service: z.string(),
  layer: z.string(),
  method: z.string().nullable(),
  cluster: z.string().nullable(),
  dc: z.string().nullable(),
  /** grouped by version: the version this node stands for */
  version: z.string().optional(),
  rps: z.number().nonnegative(),
  errorRate: z.number().min(0).max(1),
  p50: z.number().nonnegative(),
  p95: z.number().nonnegative(),
  p99: z.number().nonnegative(),
  peakRps: z.number().nonnegative(),
  capacityRps: z.number().positive().nullable(),
  health: z.enum(HEALTH_STATES),
  alerts: z.number().int().nonnegative(),
  changes: z.number().int().nonnegative(),
  silent: SilenceSchema.nullable(),
}))

export const TopologyEdgeSchema = deferred(() => z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  protocol: z.string(),
  rps: z.number().nonnegative(),
  errorRate: z.number().min(0).max(1),
  p50: z.number().nonnegative(),
  p99: z.number().nonnegative(),
  silent: SilenceSchema.nullable(),
}))

/** GET /api/v1/topology */
export const TopologyResponseSchema = deferred(() => z.object({
  nodes: z.array(TopologyNodeSchema),
  edges: z.array(TopologyEdgeSchema),
  from: z.number(),
  to: z.number(),
  partial: PartialitySchema.nullable(),
}))
export type TopologyResponse = z.infer<typeof TopologyResponseSchema>

/** The topology answer is the domain's Topology, both ways (checked when the build compiles). */
export type TopologyWireIsDomain = Proven<[SameType<TopologyResponse, Topology>]>
