import type { RequestHandler } from 'msw'
import { errorHandlers } from './errors'
import { eventHandlers } from './events'
import { metricHandlers } from './metrics'
import { topologyHandlers } from './topology'
import { traceHandlers } from './traces'

/** The console API (/api/v1) served from the synthetic world; documented in docs/api.md. */
export const apiHandlers: RequestHandler[] = [...eventHandlers, ...errorHandlers, ...traceHandlers, ...topologyHandlers, ...metricHandlers]
