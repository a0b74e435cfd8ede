// @vitest-environment node
import { ApiErrorBodySchema } from '../../src/api/schemas/common'
import { ExemplarsResponseSchema, MetricResponseSchema } from '../../src/api/schemas/metrics'
import { TopologyResponseSchema } from '../../src/api/schemas/topology'
import { TraceResponseSchema, TraceSearchResponseSchema } from '../../src/api/schemas/trace'
import { ServicesResponseSchema } from '../../src/api/schemas/service'
import { AlertsResponseSchema, ChangesResponseSchema, LogsResponseSchema } from '../../src/api/schemas/events'
import { INCIDENT_A_TRACE_ID } from '../synthetic/catalogue'
import { getJson } from '../synthetic/test/http'
import { MIN, NOW, pinnedWorld } from '../synthetic/test/fixtures'

beforeEach(() => {
  pinnedWorld()
})

const window = (from: number, to: number): string => `from=${from}&to=${to}`
const recent = window(NOW - 30 * MIN, NOW)
const quiet = window(NOW - 3 * 60 * MIN, NOW - 150 * MIN)

describe('bad parameters get a 400 naming them', () => {
  it.each([
    ['/api/v1/traces?from=yesterday', 'from'],
    [`/api/v1/traces?${recent}&limit=0`, 'limit'],
    [`/api/v1/traces?${recent}&status=broken`, 'status'],
    [`/api/v1/traces?${recent}&service=no-such-service`, 'service'],
    [`/api/v1/traces?${recent}&tag=novalue`, 'tag'],
    [`/api/v1/traces?from=${NOW}&to=${NOW - 1}`, 'from'],
    [`/api/v1/topology?${recent}&groupBy=planet`, 'groupBy'],
    [`/api/v1/topology?${recent}&focus=stock-service&up=9`, 'up'],
    [`/api/v1/topology?${recent}&focus=nobody`, 'focus'],
    [`/api/v1/metrics/query_range?${recent}&service=api-gateway`, 'metric'],
    [`/api/v1/metrics/query_range?${recent}&metric=request_rate`, 'service'],
    [`/api/v1/metrics/query_range?${recent}&metric=request_rate&service=api-gateway&operation=Nope`, 'operation'],
    [`/api/v1/metrics/query_range?${recent}&metric=request_rate&service=api-gateway&groupBy=Colour`, 'groupBy'],
    [`/api/v1/metrics/query_range?${window(NOW - 24 * 60 * MIN, NOW)}&metric=request_rate&service=api-gateway&step=1000`, 'step'],
    [`/api/v1/exemplars?${recent}&service=api-gateway&filter=DC`, 'filter'],
    ['/api/v1/logs', 'traceId'],
  ])('%s → 400 on %s', async (path, param) => {
    const { status, body } = await getJson(path)
    expect(status).toBe(400)
    const parsed = ApiErrorBodySchema.parse(body)
    expect(parsed.error.param).toBe(param)
    expect(parsed.error.message.length).toBeGreaterThan(10)
  })
})

it('answers 404 for an unknown trace, and for its logs', async () => {
  expect((await getJson('/api/v1/traces/0123456789abcdef0123456789abcdef')).status).toBe(404)
  expect((await getJson('/api/v1/logs?traceId=0123456789abcdef0123456789abcdef')).status).toBe(404)
})

it('flags answers over the dc-west outage as partial, and only those', async () => {
  const search = TraceSearchResponseSchema.parse((await getJson(`/api/v1/traces?${recent}&limit=2000`)).body)
  expect(search.partial?.missingDcs).toEqual(['dc-west'])
  const topo = TopologyResponseSchema.parse((await getJson(`/api/v1/topology?${recent}&groupBy=dc&focus=stock-service&up=1&down=1`)).body)
  expect(topo.partial?.missingDcs).toEqual(['dc-west'])
  const west = topo.nodes.filter((n) => n.dc === 'dc-west')
  expect(west.length).toBeGreaterThan(0)
  // silent 5 of the 30 minutes: marked, and judged on the 25 minutes with data
  expect(west.every((n) => n.silent?.whole === true && n.silent.seconds === 300 && n.health !== 'unknown')).toBe(true)
  expect(topo.nodes.filter((n) => n.dc !== 'dc-west').every((n) => n.silent === null)).toBe(true)
  expect(topo.nodes.find((n) => n.id === 'stock-service@dc-east')?.health).toBe('critical')
  const metric = MetricResponseSchema.parse((await getJson(`/api/v1/metrics/query_range?${recent}&metric=request_rate&service=api-gateway`)).body)
  expect(metric.partial?.missingDcs).toEqual(['dc-west'])
  const ex = ExemplarsResponseSchema.parse((await getJson(`/api/v1/exemplars?${recent}&service=order-service&operation=CreateOrder`)).body)
  expect(ex.partial?.missingDcs).toEqual(['dc-west'])
  const calm = MetricResponseSchema.parse((await getJson(`/api/v1/metrics/query_range?${quiet}&metric=request_rate&service=api-gateway`)).body)
  expect(calm.partial).toBeNull()
})

it('serves every endpoint in the wire shapes of the schemas', async () => {
  const services = ServicesResponseSchema.parse((await getJson(`/api/v1/services?${recent}`)).body)
  expect(services.services.length).toBeGreaterThanOrEqual(40)
  const trace = TraceResponseSchema.parse((await getJson(`/api/v1/traces/${INCIDENT_A_TRACE_ID}`)).body)
  const logs = LogsResponseSchema.parse((await getJson(`/api/v1/logs?traceId=${INCIDENT_A_TRACE_ID}`)).body)
  expect(logs.logs.some((l) => l.level === 'fatal' && l.message.startsWith('panic'))).toBe(true)
  expect(logs.logs.every((l) => trace.trace.spans.some((s) => s.spanId === l.spanId))).toBe(true)
  const changes = ChangesResponseSchema.parse((await getJson(`/api/v1/changes?${recent}`)).body)
  expect(changes.changes).toContainEqual(expect.objectContaining({ service: 'stock-service', kind: 'deploy', version: 'v2.14.0' }))
  const alerts = AlertsResponseSchema.parse((await getJson(`/api/v1/alerts?${recent}&service=stock-service`)).body)
  expect(alerts.alerts.some((a) => a.severity === 'critical' && a.endsAt === null)).toBe(true)
  const topo = TopologyResponseSchema.parse((await getJson(`/api/v1/topology?${recent}`)).body)
  expect(topo.nodes.find((n) => n.id === 'stock-service')?.health).toBe('critical')
  expect(topo.nodes.find((n) => n.id === 'api-gateway')?.health).toBe('critical')
})
