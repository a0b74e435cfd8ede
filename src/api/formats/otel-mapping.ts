import type { PostTraceTrigger, SamplingInfo, SpanKind, SpanStatus, TagValue } from '../../domain/model'
import { POSTTRACE_TRIGGERS, SAMPLING_MODES } from '../../domain/model'
import { assignData, dataRecord, ownValue, putData } from '../../lib/records'

/**
 * OpenTelemetry semantic conventions → the console's field names (see docs/otel-mapping.md).
 * Used by the Jaeger and OTLP converters, so every importer speaks the same vocabulary.
 * Attributes without a mapping are kept under their own key. Exports (traceToJaeger,
 * traceToOtlp) keep the console's names, so a trace survives export + import unchanged.
 */

/** Resource attribute → console resource field. The first key present wins. */
const RESOURCE_KEYS: readonly [string, string][] = [
  ['service.name', 'ServiceName'],
  ['deployment.environment.name', 'Env'],
  ['deployment.environment', 'Env'],
  ['cloud.availability_zone', 'DC'],
  ['cloud.region', 'DC'],
  ['k8s.cluster.name', 'Cluster'],
  ['k8s.pod.name', 'PodName'],
  ['telemetry.distro.name', 'Framework'],
  ['service.version', 'Version'],
  ['hostname', 'HostName'],
  ['host.name', 'HostName'],
]

/** Keys read for IP addresses (the first IPv4 and first IPv6 found). */
const IP_KEYS = ['host.ip', 'net.host.ip', 'ip']

export function isIpv4(v: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(v)
}

/** Maps resource (or Jaeger process) attributes onto console resource fields (all strings). */
export function mapResource(attrs: Record<string, TagValue | TagValue[]>): Record<string, string> {
  const out: Record<string, string> = dataRecord<string>()
  const used = new Set<string>()
  for (const [otel, console] of RESOURCE_KEYS) {
    if (out[console] !== undefined || attrs[otel] === undefined) continue
    out[console] = stringify(attrs[otel])
    used.add(otel)
  }
  for (const key of IP_KEYS) {
    const v = attrs[key]
    if (v === undefined) continue
    used.add(key)
    for (const ip of (Array.isArray(v) ? v : [v]).map(String)) {
      if (isIpv4(ip)) out.IPV4 ??= ip
      else if (ip.includes(':')) out.IPV6 ??= ip
    }
  }
  for (const [k, v] of Object.entries(attrs)) {
    if (!used.has(k) && ownValue(out, k) === undefined) putData(out, k, stringify(v))
  }
  return out
}

const stringify = (v: TagValue | TagValue[]): string => (Array.isArray(v) ? v.join(',') : String(v))

/** Context a span mapping depends on. */
export interface SpanMappingContext {
  kind: SpanKind
  name: string
}

type Attrs = Record<string, TagValue>

const asNumberIfNumeric = (v: TagValue): TagValue =>
  typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v

/** Every OpenTelemetry key that mapSpanAttributes reads; each group: the first key present wins. */
const SPAN_KEY_GROUPS = {
  httpMethod: ['http.request.method', 'http.method'],
  route: ['http.route'],
  rpcSystem: ['rpc.system'],
  rpcService: ['rpc.service'],
  rpcMethod: ['rpc.method'],
  dbSystem: ['db.system.name', 'db.system'],
  dbOperation: ['db.operation.name', 'db.operation'],
  msgSystem: ['messaging.system'],
  msgDest: ['messaging.destination.name', 'messaging.destination'],
  peer: ['peer.service'],
  url: ['url.full', 'http.url'],
  urlTemplate: ['url.template'],
  dbNamespace: ['db.namespace', 'db.name'],
  errorType: ['error.type'],
  host: ['server.address', 'net.peer.name', 'net.peer.ip', 'network.peer.address'],
  port: ['server.port', 'net.peer.port', 'network.peer.port'],
  status: ['http.response.status_code', 'http.status_code', 'rpc.grpc.status_code'],
  reqSize: ['http.request.body.size', 'http.request_content_length', 'rpc.request.size'],
  resSize: ['http.response.body.size', 'http.response_content_length', 'rpc.response.size'],
  msgSize: ['messaging.message.body.size', 'messaging.message_payload_size_bytes'],
} as const
type Group = keyof typeof SPAN_KEY_GROUPS

/** OTel key → [group, priority] */
const KEY_INDEX = new Map<string, [Group, number]>()
for (const [group, keys] of Object.entries(SPAN_KEY_GROUPS) as [Group, readonly string[]][]) {
  keys.forEach((k, i) => KEY_INDEX.set(k, [group, i]))
}

/**
 * Maps span attributes onto the console's tag names (Method, ToService, ToMethod, ToServiceType,
 * ToAddr, StatusCode, SendSize, RecvSize). Mapped keys are consumed; all other keys are kept,
 * and keys that already carry console names win over derived ones.
 */
export function mapSpanAttributes(attrs: Attrs, ctx: SpanMappingContext): Attrs {
  const rest: Attrs = dataRecord()
  const found: Partial<Record<Group, [TagValue, number]>> = {}
  let any = false
  for (const k in attrs) {
    const hit = KEY_INDEX.get(k)
    if (!hit) {
      putData(rest, k, attrs[k])
      continue
    }
    any = true
    const prev = found[hit[0]]
    if (!prev || prev[1] > hit[1]) found[hit[0]] = [attrs[k], hit[1]]
  }
  const out: Attrs = dataRecord()
  const isClient = ctx.kind === 'client' || ctx.kind === 'producer'
  if (!any) {
    out.Method = ctx.name
    return assignData(out, rest)
  }
  const g = (group: Group): TagValue | undefined => found[group]?.[0]
  const httpMethod = g('httpMethod')
  const route = g('route')
  const rpcSystem = g('rpcSystem')
  const rpcService = g('rpcService')
  const rpcMethod = g('rpcMethod')
  const dbSystem = g('dbSystem')
  const dbOperation = g('dbOperation')
  const msgSystem = g('msgSystem')
  const msgDest = g('msgDest')
  const peer = g('peer')
  const host = g('host')
  const port = g('port')
  const status = g('status')
  const reqSize = g('reqSize')
  const resSize = g('resSize')
  const msgSize = g('msgSize')
  const url = g('url')
  const urlTemplate = g('urlTemplate')
  const dbNamespace = g('dbNamespace')
  const errorType = g('errorType')

  if (status !== undefined) out.StatusCode = asNumberIfNumeric(status)
  if (errorType !== undefined) out.ErrorType = errorType
  if (isClient) {
    const isHttp = httpMethod !== undefined || url !== undefined
    const type = rpcSystem ?? dbSystem ?? msgSystem ?? (isHttp ? 'http' : undefined)
    if (type !== undefined) out.ToServiceType = type
    const urlParts = url !== undefined ? parseUrl(String(url)) : null
    // the called service: named by the caller (peer.service), else what the call addresses: the RPC
    // service, the topic, the database, the HTTP host
    const callee =
      peer ??
      rpcService ??
      msgDest ??
      (dbSystem !== undefined ? (dbNamespace ?? host ?? dbSystem) : undefined) ??
      (isHttp ? (host ?? urlParts?.host) : undefined)
    if (callee !== undefined) out.ToService = callee
    const httpTarget = urlTemplate ?? route ?? urlParts?.path
    const toMethod = rpcMethod ?? dbOperation ?? (httpMethod !== undefined && httpTarget !== undefined ? `${httpMethod} ${httpTarget}` : undefined)
    if (toMethod !== undefined) out.ToMethod = toMethod
    const addrHost = host ?? urlParts?.host
    const addrPort = port ?? urlParts?.port
    if (addrHost !== undefined) out.ToAddr = addrPort !== undefined ? `${addrHost}:${addrPort}` : String(addrHost)
    if (url !== undefined) out['url.full'] = url
    if (dbNamespace !== undefined) out['db.namespace'] = dbNamespace
    if (reqSize !== undefined) out.SendSize = asNumberIfNumeric(reqSize)
    if (resSize !== undefined) out.RecvSize = asNumberIfNumeric(resSize)
    if (msgSize !== undefined) out.SendSize = asNumberIfNumeric(msgSize)
    out.Method = ctx.name
  } else {
    const method =
      rpcMethod !== undefined
        ? rpcService !== undefined ? `${rpcService}/${rpcMethod}` : rpcMethod
        : httpMethod !== undefined && route !== undefined ? `${httpMethod} ${route}` : undefined
    out.Method = method ?? ctx.name
    if (rpcSystem !== undefined) out.ServiceType = rpcSystem
    if (httpMethod !== undefined && route === undefined) out['http.request.method'] = httpMethod
    if (reqSize !== undefined) out.RecvSize = asNumberIfNumeric(reqSize)
    if (resSize !== undefined) out.SendSize = asNumberIfNumeric(resSize)
    if (msgSize !== undefined) out.RecvSize = asNumberIfNumeric(msgSize)
    if (msgDest !== undefined) out['messaging.destination.name'] = msgDest
    if (msgSystem !== undefined) out['messaging.system'] = msgSystem
    if (dbSystem !== undefined) out['db.system'] = dbSystem
    if (dbNamespace !== undefined) out['db.namespace'] = dbNamespace
    if (url !== undefined) out['url.full'] = url
    if (urlTemplate !== undefined) out['url.template'] = urlTemplate
    if (host !== undefined) out['server.address'] = host
    if (port !== undefined) out['server.port'] = port
    if (peer !== undefined) out['peer.service'] = peer
  }
  return assignData(out, rest)
}

/** Host, port and path of a URL; null when it is not one. */
function parseUrl(u: string): { host: string; port?: string; path: string } | null {
  try {
    const parsed = new URL(u)
    return { host: parsed.hostname, ...(parsed.port ? { port: parsed.port } : {}), path: parsed.pathname }
  } catch {
    return null
  }
}

/** Sets IsError (0/1) from the status unless the source already carries it (mutates and returns `tags`). */
export function withIsError(tags: Attrs, status: SpanStatus): Attrs {
  if (tags.IsError === undefined) tags.IsError = status === 'error' ? 1 : 0
  return tags
}

/** OTLP span kind (number or SPAN_KIND_* string) → console kind. */
export function otlpKind(k: number | string | undefined): SpanKind {
  const byNumber: Record<number, SpanKind> = { 1: 'internal', 2: 'server', 3: 'client', 4: 'producer', 5: 'consumer' }
  if (typeof k === 'number') return byNumber[k] ?? 'internal'
  if (typeof k === 'string') return kindFromWord(k.replace(/^SPAN_KIND_/, ''))
  return 'internal'
}

/** Jaeger's span.kind tag / any kind word → console kind. */
export function kindFromWord(w: string): SpanKind {
  const v = w.toLowerCase()
  if (v === 'server' || v === 'client' || v === 'producer' || v === 'consumer') return v
  return 'internal'
}

export const OTLP_KIND_NUMBER: Record<SpanKind, number> = {
  internal: 1,
  server: 2,
  client: 3,
  producer: 4,
  consumer: 5,
}

/** Tag keys that carry the console's sampling info through formats that have no place for it. */
export const SAMPLING_TAGS = {
  mode: 'tracelens.sampling.mode',
  rate: 'tracelens.sampling.rate',
  samplerRate: 'tracelens.sampling.sampler_rate',
  triggerSpan: 'tracelens.posttrace.trigger_span_id',
  triggerTime: 'tracelens.posttrace.trigger_time_us',
  triggerReason: 'tracelens.posttrace.trigger_reason',
  triggerThreshold: 'tracelens.posttrace.threshold_us',
} as const

/** Prefix of tags that carry a span's custom metrics (Span.metrics) through export. */
export const METRIC_TAG_PREFIX = 'tracelens.metric.'

/** The tags written on the root span to keep the sampling info across export + import. */
export function samplingToTags(s: SamplingInfo): Attrs {
  const t: Attrs = { [SAMPLING_TAGS.mode]: s.mode }
  if (s.rateKnown !== false) t[SAMPLING_TAGS.rate] = s.rate
  if (s.samplerRate !== undefined && s.samplerRate !== null) t[SAMPLING_TAGS.samplerRate] = s.samplerRate
  if (s.triggerSpanId !== null) t[SAMPLING_TAGS.triggerSpan] = s.triggerSpanId
  if (s.triggerTime !== null) t[SAMPLING_TAGS.triggerTime] = s.triggerTime
  if (s.triggerReason) t[SAMPLING_TAGS.triggerReason] = s.triggerReason
  if (s.triggerThreshold !== undefined && s.triggerThreshold !== null) t[SAMPLING_TAGS.triggerThreshold] = s.triggerThreshold
  return t
}

const UNKNOWN_SAMPLING: SamplingInfo = { mode: 'unknown', rate: 1, rateKnown: false, samplerRate: null, triggerSpanId: null, triggerTime: null }
const validRate = (v: unknown): number | null => {
  const n = Number(v)
  return v !== undefined && v !== null && v !== '' && n > 0 && n <= 1 ? n : null
}

/**
 * Reads sampling info from span tags: the console's own tags first, then Jaeger client tags
 * (sampler.type / sampler.param). Returns null when the tags say nothing.
 */
export function samplingFromTags(tags: Attrs): SamplingInfo | null {
  const mode = tags[SAMPLING_TAGS.mode]
  if (typeof mode === 'string') {
    const rate = validRate(tags[SAMPLING_TAGS.rate])
    const samplerRate = validRate(tags[SAMPLING_TAGS.samplerRate])
    const trigger = tags[SAMPLING_TAGS.triggerSpan]
    const time = Number(tags[SAMPLING_TAGS.triggerTime])
    const reason = tags[SAMPLING_TAGS.triggerReason]
    const threshold = Number(tags[SAMPLING_TAGS.triggerThreshold])
    return {
      mode: (SAMPLING_MODES as readonly string[]).includes(mode) ? (mode as SamplingInfo['mode']) : 'unknown',
      rate: rate ?? 1,
      ...(rate === null ? { rateKnown: false } : {}),
      ...(samplerRate !== null ? { samplerRate } : {}),
      triggerSpanId: typeof trigger === 'string' ? trigger : null,
      triggerTime: Number.isFinite(time) ? time : null,
      ...((POSTTRACE_TRIGGERS as readonly TagValue[]).includes(reason) ? { triggerReason: reason as PostTraceTrigger } : {}),
      ...(tags[SAMPLING_TAGS.triggerThreshold] !== undefined && Number.isFinite(threshold) ? { triggerThreshold: threshold } : {}),
    }
  }
  const type = tags['sampler.type']
  if (typeof type !== 'string') return null
  const param = Number(tags['sampler.param'])
  const known = { triggerSpanId: null, triggerTime: null }
  if (type === 'probabilistic' && param > 0 && param <= 1) return { ...known, mode: 'probability', rate: param, samplerRate: param }
  if (type === 'const') return { ...known, mode: 'probability', rate: 1, samplerRate: 1 }
  if (type === 'ratelimiting' || type === 'lowerbound') return { ...UNKNOWN_SAMPLING, mode: 'adaptive' }
  return null
}

/** Removes the transport-only tags (sampling, metrics) and returns the custom metrics found. */
export function splitTransportTags(tags: Attrs): { tags: Attrs; metrics: Record<string, number> } {
  let transport = false
  for (const k in tags) if (k.startsWith('tracelens.')) transport = true
  if (!transport) return { tags, metrics: {} }
  const out: Attrs = dataRecord()
  const metrics: Record<string, number> = {}
  for (const [k, v] of Object.entries(tags)) {
    if (k.startsWith('tracelens.')) {
      if (k.startsWith(METRIC_TAG_PREFIX) && typeof v === 'number') putData(metrics, k.slice(METRIC_TAG_PREFIX.length), v)
      continue
    }
    putData(out, k, v)
  }
  return { tags: out, metrics }
}

export function metricsToTags(metrics: Record<string, number>): Attrs {
  const t: Attrs = dataRecord()
  for (const [k, v] of Object.entries(metrics)) putData<TagValue>(t, METRIC_TAG_PREFIX + k, v)
  return t
}

export function defaultSampling(): SamplingInfo {
  return { ...UNKNOWN_SAMPLING }
}
