/**
 * Bundled by console-trace-server.mjs for Node: a trace as the Jaeger query API answers it, written
 * as the console API streams it (converted as the console's Jaeger adapter converts it, then one
 * line per span in the tree's order).
 */
import { jaegerTraceToTrace } from '../../src/api/formats/jaeger'
import type { JaegerTrace } from '../../src/api/formats/jaeger'
import { writeTraceStream } from '../../src/api/schemas/trace-stream'

export function consoleStreamOf(trace: unknown): string {
  return writeTraceStream(jaegerTraceToTrace(trace as JaegerTrace))
}
