import type { RequestHandler } from 'msw'
import { controlHandler } from './control'
import { apiHandlers } from './handlers/api'

/** One handler set for the three hosts: the browser worker, Vitest (msw/node) and Playwright runs. */
export const handlers: RequestHandler[] = [controlHandler, ...apiHandlers]
