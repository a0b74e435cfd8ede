/**
 * The topology answer validated by hand: the same rules as TopologyResponseSchema (./topology.ts),
 * checked with plain loops, because zod's per-field work shows on every live refresh of a graph of
 * hundreds of services. Small answers go through zod itself; both report the first bad field by path.
 */
import { zodOrHandChecked } from './hand-checked'
import type { Problem } from './hand-checked'
import { HEALTH_STATES } from '../../domain/model'
import { TopologyResponseSchema } from './topology'
import { deferred } from './deferred'

/** Above this many nodes plus edges the hand-written check is used. */
export const FAST_PATH_ELEMENTS = 400

type Rule = 'positiveOrNull' | 'id' | 'string' | 'stringOrNull' | 'number' | 'nonNegative' | 'ratio' | 'count' | 'health' | 'silence'

const healths = new Set<string>(HEALTH_STATES)
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const RULES: Record<Rule, { ok: (v: unknown) => boolean; message: string }> = {
  id: { ok: (v) => typeof v === 'string' && v.length > 0, message: 'expected a non-empty string' },
  string: { ok: (v) => typeof v === 'string', message: 'expected a string' },
  stringOrNull: { ok: (v) => v === null || typeof v === 'string', message: 'expected a string or null' },
  number: { ok: isNum, message: 'expected a number' },
  positiveOrNull: { ok: (v) => v === null || (isNum(v) && v > 0), message: 'expected a number > 0 or null' },
  nonNegative: { ok: (v) => isNum(v) && v >= 0, message: 'expected a number ≥ 0' },
  ratio: { ok: (v) => isNum(v) && v >= 0 && v <= 1, message: 'expected a number from 0 to 1' },
  count: { ok: (v) => isNum(v) && v >= 0 && Number.isInteger(v), message: 'expected a whole number ≥ 0' },
  health: { ok: (v) => typeof v === 'string' && healths.has(v), message: 'invalid health' },
  silence: { ok: (v) => v === null || isObj(v), message: 'expected an object or null' },
}

/** The first bad field of a `silent` object (checked after RULES.silence), as zod reports it. */
function silenceProblem(v: Record<string, unknown>): { key: string; message: string } | null {
  for (const k of ['from', 'to'] as const) if (!isNum(v[k])) return { key: k, message: 'expected a number' }
  if (!isNum(v.seconds) || v.seconds < 0) return { key: 'seconds', message: 'expected a number ≥ 0' }
  if (typeof v.whole !== 'boolean') return { key: 'whole', message: 'expected true or false' }
  return null
}

const NODE: [string, Rule][] = [
  ['id', 'id'], ['label', 'string'], ['service', 'string'], ['layer', 'string'], ['method', 'stringOrNull'], ['cluster', 'stringOrNull'],
  ['dc', 'stringOrNull'], ['rps', 'nonNegative'], ['errorRate', 'ratio'], ['p50', 'nonNegative'], ['p95', 'nonNegative'], ['p99', 'nonNegative'],
  ['peakRps', 'nonNegative'], ['capacityRps', 'positiveOrNull'], ['health', 'health'], ['alerts', 'count'], ['changes', 'count'], ['silent', 'silence'],
]
const EDGE: [string, Rule][] = [
  ['id', 'id'], ['source', 'id'], ['target', 'id'], ['protocol', 'string'], ['rps', 'nonNegative'], ['errorRate', 'ratio'], ['p50', 'nonNegative'], ['p99', 'nonNegative'], ['silent', 'silence'],
]

function checkList(list: unknown, name: string, fields: [string, Rule][]): Problem | null {
  if (!Array.isArray(list)) return { path: [name], message: 'expected an array' }
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i]
    if (!isObj(item)) return { path: [name, i], message: 'expected an object' }
    for (const [key, rule] of fields) {
      const v = item[key]
      if (!RULES[rule].ok(v)) return { path: [name, i, key], message: RULES[rule].message }
      const sub = rule === 'silence' && isObj(v) ? silenceProblem(v) : null
      if (sub) return { path: [name, i, key, sub.key], message: sub.message }
    }
  }
  return null
}

/** Fields in the schema's order, so that the first bad one is the one zod names first. */
function checkTopology(body: Record<string, unknown>): Problem | null {
  const list = checkList(body.nodes, 'nodes', NODE) ?? checkList(body.edges, 'edges', EDGE)
  if (list) return list
  for (const k of ['from', 'to'] as const) if (!isNum(body[k])) return { path: [k], message: 'expected a number' }
  const p = body.partial
  if (p !== null) {
    if (!isObj(p)) return { path: ['partial'], message: 'expected an object or null' }
    if (!Array.isArray(p.missingDcs)) return { path: ['partial', 'missingDcs'], message: 'expected an array' }
    const bad = p.missingDcs.findIndex((d) => typeof d !== 'string')
    if (bad >= 0) return { path: ['partial', 'missingDcs', bad], message: 'expected a string' }
    if (p.reason !== null && typeof p.reason !== 'string') return { path: ['partial', 'reason'], message: 'expected a string or null' }
    for (const k of ['silentFrom', 'silentTo'] as const) if (p[k] !== undefined && !isNum(p[k])) return { path: ['partial', k], message: 'expected a number' }
  }
  return null
}

/** The first bad field of a topology answer (GET /api/v1/topology), by the rules of TopologyResponseSchema. */
export const checkTopologyResponse = (body: unknown): Problem | null => (isObj(body) ? checkTopology(body) : { path: [], message: 'expected an object' })

/** GET /api/v1/topology, validated by zod for small graphs and by hand for large ones. */
export const TopologyResponseFastSchema = deferred(() => zodOrHandChecked(TopologyResponseSchema, {
  big: (body) => isObj(body) && Array.isArray(body.nodes) && Array.isArray(body.edges) && body.nodes.length + body.edges.length > FAST_PATH_ELEMENTS,
  check: checkTopologyResponse,
}))
