import { http, HttpResponse } from 'msw'
import type { RequestHandler } from 'msw'
import type { ServicesResponse } from '../../src/api/schemas/service'

// Placeholder until the synthetic world serves the full console API.
export const apiHandlers: RequestHandler[] = [
  http.get('/api/v1/services', () =>
    HttpResponse.json<ServicesResponse>({
      services: [{ name: 'api-gateway', layer: 'gateway', framework: 'envoy', dcs: ['dc-a'], clusters: ['c1'], operations: [] }],
    }),
  ),
]
