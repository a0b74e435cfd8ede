/** Span detail derivations: tag groups by convention, long-value folding, axis ticks, zoom. */
import type { Span, TagValue } from '../model'

export type TagGroupName = 'Resource' | 'Call' | 'RPC' | 'HTTP' | 'DB' | 'MQ' | 'Other'

/** The console's call fields (shared/domain.md): they describe whatever kind of call the span is. */
const CALL_FIELDS = new Set(['Method', 'ToService', 'ToMethod', 'ToServiceType', 'ToCluster', 'ToDc', 'ToAddr', 'StatusCode', 'BusinessStatusCode', 'ErrorType', 'IsError', 'SendSize', 'RecvSize', 'Latency', 'ServiceType'])
const prefixed = (k: string, prefixes: string[]) => prefixes.some((p) => k.toLowerCase().startsWith(p))

const DB_TYPES = /^(mysql|postgresql|mariadb|mssql|oracle|sqlite|redis|memcached|mongodb|cassandra|elasticsearch|opensearch|clickhouse|db2|dynamodb|couchdb|hbase|neo4j|other_sql)$/i
const MQ_TYPES = /^(kafka|rabbitmq|rocketmq|activemq|pulsar|nats|jms|aws_sqs|aws_sns|gcp_pubsub|servicebus|eventhubs|mq)$/i
const RPC_TYPES = /^(grpc|thrift|dubbo|connect_rpc|java_rmi|dotnet_wcf|apache_dubbo|rpc)$/i

/**
 * What kind of call a span is, by its fields: the call fields are shown under that heading
 * (an HTTP call's StatusCode under "HTTP", a database query's under "DB"), and under "Call" for a span
 * that is none of these. Only RPC spans get an "RPC" section.
 */
export function callKind(span: Span): Exclude<TagGroupName, 'Resource' | 'Other'> {
  const type = String(span.tags.ToServiceType ?? span.tags.ServiceType ?? '')
  const keys = Object.keys(span.tags)
  if (DB_TYPES.test(type) || keys.some((k) => prefixed(k, ['db.']))) return 'DB'
  if (MQ_TYPES.test(type) || keys.some((k) => prefixed(k, ['messaging.']))) return 'MQ'
  if (RPC_TYPES.test(type) || keys.some((k) => prefixed(k, ['rpc.']))) return 'RPC'
  if (type.toLowerCase() === 'http' || keys.some((k) => prefixed(k, ['http.', 'url.']))) return 'HTTP'
  return 'Call'
}

function groupOf(key: string, call: TagGroupName): TagGroupName {
  if (CALL_FIELDS.has(key)) return call
  if (prefixed(key, ['http.', 'http', 'url', 'route'])) return 'HTTP'
  if (prefixed(key, ['db.', 'db', 'sql', 'mysql', 'redis'])) return 'DB'
  if (prefixed(key, ['mq', 'messaging.', 'topic', 'partition', 'consumergroup'])) return 'MQ'
  if (prefixed(key, ['rpc.'])) return 'RPC'
  return 'Other'
}

export interface TagGroup {
  name: TagGroupName
  entries: [string, TagValue][]
}

/** Resource fields first, then span tags grouped by convention; empty groups left out. */
export function groupTags(span: Span): TagGroup[] {
  const groups: TagGroup[] = [
    { name: 'Resource', entries: Object.entries(span.resource) },
    { name: 'Call', entries: [] },
    { name: 'RPC', entries: [] },
    { name: 'HTTP', entries: [] },
    { name: 'DB', entries: [] },
    { name: 'MQ', entries: [] },
    { name: 'Other', entries: [] },
  ]
  const byName = new Map(groups.map((g) => [g.name, g]))
  const call = callKind(span)
  for (const [k, v] of Object.entries(span.tags)) byName.get(groupOf(k, call))?.entries.push([k, v])
  for (const [k, v] of Object.entries(span.metrics)) byName.get('Other')?.entries.push([k, v])
  return groups.filter((g) => g.entries.length > 0)
}

/** Values longer than this many characters (or lines) are folded behind "show more". */
export const FOLD_CHARS = 400
export const FOLD_LINES = 12

export function foldText(value: string): { head: string; folded: boolean; hiddenChars: number } {
  let cut = Math.min(value.length, FOLD_CHARS)
  let lines = 0
  for (let i = 0; i < cut; i++) {
    if (value.charCodeAt(i) === 10 && ++lines >= FOLD_LINES) {
      cut = i
      break
    }
  }
  if (cut >= value.length) return { head: value, folded: false, hiddenChars: 0 }
  return { head: value.slice(0, cut), folded: true, hiddenChars: value.length - cut }
}

/** "Nice" tick positions (µs offsets from 0) over [from, to] for about `count` ticks. */
export function axisTicks(from: number, to: number, count: number): number[] {
  const span = to - from
  if (!(span > 0) || count < 1) return [from]
  const raw = span / count
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag
  const out: number[] = []
  for (let v = Math.ceil(from / step) * step; v <= to + step * 1e-9; v += step) out.push(v)
  return out
}

/** A zoom window as fractions of the trace duration, 0 ≤ from < to ≤ 1. */
export interface Zoom {
  from: number
  to: number
}
export const FULL_ZOOM: Zoom = { from: 0, to: 1 }
const MIN_ZOOM = 0.0005

export function clampZoom(z: Zoom): Zoom {
  let from = Math.max(0, Math.min(1, z.from))
  let to = Math.max(0, Math.min(1, z.to))
  if (to < from) [from, to] = [to, from]
  if (to - from < MIN_ZOOM) {
    const mid = Math.min(1 - MIN_ZOOM / 2, Math.max(MIN_ZOOM / 2, (from + to) / 2))
    from = mid - MIN_ZOOM / 2
    to = mid + MIN_ZOOM / 2
  }
  return { from, to }
}

/** `?zoom=0.1-0.35`; anything unreadable is the full trace. */
export function parseZoom(param: string | null): Zoom {
  if (!param) return FULL_ZOOM
  const m = /^(\d*\.?\d+)-(\d*\.?\d+)$/.exec(param)
  if (!m) return FULL_ZOOM
  return clampZoom({ from: Number(m[1]), to: Number(m[2]) })
}

export function formatZoom(z: Zoom): string | null {
  if (z.from <= 0 && z.to >= 1) return null
  const f = (n: number) => String(Math.round(n * 10000) / 10000)
  return `${f(z.from)}-${f(z.to)}`
}
