import type { SpanWire } from '../../src/api/schemas/trace'
import type { GenSpan } from './trace-gen'
import type { World } from './world'

type SpanEventWire = SpanWire['events'][number]

const GO_STACK = (svc: string, op: string): string =>
  [
    'goroutine 1841 [running]:',
    `${svc.replace(/-/g, '_')}/internal/${op.toLowerCase()}.(*Handler).${op}(0xc0004a2f00, {0x1d2e8a0, 0xc000a1c120})`,
    `\t/app/internal/${op.toLowerCase()}/handler.go:212 +0x1c4`,
    `${svc.replace(/-/g, '_')}/internal/${op.toLowerCase()}.(*Reserver).pickWarehouse(...)`,
    `\t/app/internal/${op.toLowerCase()}/warehouse.go:88 +0x3a`,
    'github.com/cloudwego/kitex/server.(*server).invokeHandleEndpoint.func1({0x1d2e8a0, 0xc000a1c0f0})',
    '\t/go/pkg/mod/github.com/cloudwego/kitex@v0.11.3/server/server.go:356 +0x87',
  ].join('\n')

const JAVA_STACK = (svc: string, type: string): string =>
  [
    `${type}: request failed`,
    `\tat com.shop.${svc.replace(/-/g, '')}.handler.RequestHandler.handle(RequestHandler.java:142)`,
    '\tat io.grpc.stub.ServerCalls$UnaryServerCallHandler$UnaryServerCallListener.onHalfClose(ServerCalls.java:182)',
    '\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)',
  ].join('\n')

const MESSAGES: Record<number, string> = {
  500: 'internal error while handling the request',
  503: 'upstream unavailable: no healthy instance',
  504: 'deadline exceeded after waiting for the callee',
}

/** Events of one span: panics with stacks, exceptions, error and info log lines. */
export function spanEvents(world: World, spans: GenSpan[], s: GenSpan): SpanEventWire[] {
  const end = Math.round(s.start + s.dur)
  const op = world.ops[s.op]
  const svc = world.services[s.service]
  if (s.panic) {
    return [
      {
        time: end - 40,
        name: 'panic',
        attributes: {
          message: 'runtime error: index out of range [3] with length 3',
          'exception.type': 'runtime.Error',
          'exception.stacktrace': GO_STACK(svc.name, op.name),
        },
      },
    ]
  }
  if (s.origin) {
    const storage = op.kind === 'client'
    const type = storage ? (op.protocol === 'mysql' ? 'MySQLTimeoutException' : 'RedisTimeoutError') : svc.framework === 'spring-boot' ? 'java.lang.IllegalStateException' : 'ServiceError'
    const message = storage
      ? op.protocol === 'mysql'
        ? 'Lock wait timeout exceeded; try restarting transaction'
        : 'i/o timeout reading from redis'
      : MESSAGES[s.code] ?? MESSAGES[500]
    return [
      {
        time: end - 20,
        name: 'exception',
        attributes: {
          'exception.type': type,
          'exception.message': message,
          'exception.stacktrace': svc.framework === 'spring-boot' ? JAVA_STACK(svc.name, type) : `${type}: ${message}`,
        },
      },
    ]
  }
  if (s.error && (s.kind === 'server' || s.kind === 'consumer')) {
    const failed = spans.find((c) => c.parent === s.idx && c.error)
    const target = failed ? `${world.ops[failed.op].serviceName}.${world.ops[failed.op].name}` : 'a callee'
    const events: SpanEventWire[] = [
      { time: end - 15, name: 'log', attributes: { level: 'error', message: `call to ${target} failed with status ${failed?.code ?? 500}` } },
    ]
    if (op.convert !== null) {
      events.push({ time: end - 5, name: 'log', attributes: { level: 'warn', message: `downstream failure converted to HTTP ${s.code}` } })
    }
    return events
  }
  if ((s.kind === 'server' || s.kind === 'consumer') && s.u < 0.12) {
    return [{ time: Math.round(s.start + s.dur * 0.4), name: 'log', attributes: { level: 'info', message: s.u < 0.06 ? 'cache miss, loading from storage' : 'request validated' } }]
  }
  return []
}
