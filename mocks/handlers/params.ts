import { HttpResponse } from 'msw'
import type { ApiErrorBody } from '../../src/api/schemas/common'
import { now } from '../../src/lib/clock'
import { isMetricLabel } from '../synthetic/dimensions'
import type { MetricLabel } from '../synthetic/dimensions'
import type { OpRec, ServiceRec, World } from '../synthetic/world'

/** Parameter validation shared by the console API handlers: a bad parameter is a 400 naming it. */
export class ParamError extends Error {
  readonly param: string
  constructor(param: string, message: string) {
    super(message)
    this.param = param
  }
}

export const badRequest = (e: ParamError): Response =>
  HttpResponse.json<ApiErrorBody>({ error: { code: 'bad_request', message: e.message, param: e.param } }, { status: 400 })

export const notFound = (message: string): Response => HttpResponse.json<ApiErrorBody>({ error: { code: 'not_found', message } }, { status: 404 })

/** Runs a handler body, turning a ParamError into a 400 answer. */
export function guarded(body: () => Response): Response {
  try {
    return body()
  } catch (e) {
    if (e instanceof ParamError) return badRequest(e)
    throw e
  }
}

export function num(p: URLSearchParams, name: string, opts: { min?: number; max?: number; integer?: boolean; unit?: string } = {}): number | undefined {
  const raw = p.get(name)
  if (raw === null || raw === '') return undefined
  const v = Number(raw)
  const unit = opts.unit ? ` ${opts.unit}` : ''
  if (!Number.isFinite(v) || (opts.integer && !Number.isInteger(v))) throw new ParamError(name, `${name} must be ${opts.integer ? 'a whole number' : 'a number'}${unit}, got "${raw}"`)
  if (opts.min !== undefined && v < opts.min) throw new ParamError(name, `${name} must be at least ${opts.min}${unit}, got ${v}`)
  if (opts.max !== undefined && v > opts.max) throw new ParamError(name, `${name} must be at most ${opts.max}${unit}, got ${v}`)
  return v
}

export function oneOf<T extends string>(p: URLSearchParams, name: string, values: readonly T[]): T | undefined {
  const raw = p.get(name)
  if (raw === null || raw === '') return undefined
  if (!(values as readonly string[]).includes(raw)) throw new ParamError(name, `${name} must be one of ${values.join(', ')}; got "${raw}"`)
  return raw as T
}

/** from/to in ms since the epoch; default: the hour before now. */
export function timeWindow(p: URLSearchParams): { from: number; to: number } {
  const to = num(p, 'to', { min: 0, unit: 'ms since the epoch' }) ?? now()
  const from = num(p, 'from', { min: 0, unit: 'ms since the epoch' }) ?? to - 3_600_000
  if (from >= to) throw new ParamError('from', `from (${from}) must be before to (${to})`)
  if (to - from > 31 * 86_400_000) throw new ParamError('from', 'the time window may span at most 31 days')
  return { from, to }
}

export function keyValues(p: URLSearchParams, name: string): { key: string; value: string }[] {
  return p.getAll(name).map((raw) => {
    const i = raw.indexOf('=')
    if (i <= 0) throw new ParamError(name, `${name} must look like key=value, got "${raw}"`)
    return { key: raw.slice(0, i), value: raw.slice(i + 1) }
  })
}

export function metricFilters(p: URLSearchParams, name: string): { key: MetricLabel; value: string }[] {
  return keyValues(p, name).map((f) => {
    if (!isMetricLabel(f.key)) throw new ParamError(name, `unknown label "${f.key}" in ${name}`)
    return { key: f.key, value: f.value }
  })
}

export function serviceParam(world: World, p: URLSearchParams, required: boolean): ServiceRec | undefined {
  const raw = p.get('service')
  if (raw === null || raw === '') {
    if (required) throw new ParamError('service', 'service is required')
    return undefined
  }
  const svc = world.serviceByName.get(raw)
  if (!svc) throw new ParamError('service', `unknown service "${raw}"`)
  return svc
}

export function operationParam(world: World, p: URLSearchParams, svc: ServiceRec | undefined): OpRec | undefined {
  const raw = p.get('operation')
  if (raw === null || raw === '') return undefined
  if (!svc) throw new ParamError('operation', 'operation needs a service')
  const op = world.opByKey.get(`${svc.name}::${raw}`)
  if (!op) throw new ParamError('operation', `service ${svc.name} has no operation "${raw}"`)
  return op
}
