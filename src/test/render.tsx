import { QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import type { RouteObject } from 'react-router'
import { ConsoleQueryClient } from '../api/query-client'
import { createConsoleApiSource } from '../api/sources/console-api'
import { DataSourceProvider } from '../api/source-context'
import type { DataSource } from '../api/sources/data-source'
import { ThemeProvider } from '../ui/theme'

export function createTestQueryClient(): ConsoleQueryClient {
  return new ConsoleQueryClient({}, { retry: false, gcTime: Infinity })
}

/**
 * Renders `element` at `path` (matching `url`) with the real providers and the synthetic
 * console API served by MSW's node server. Extra routes let tests assert navigation.
 */
export function renderWithProviders(
  element: ReactElement,
  { path = '/', url = '/', routes = [], source = createConsoleApiSource(), queryClient = createTestQueryClient() }: { path?: string; url?: string; routes?: RouteObject[]; source?: DataSource; queryClient?: ConsoleQueryClient } = {},
) {
  const router = createMemoryRouter([{ path, element }, ...routes], { initialEntries: [url] })
  const utils = render(
    <ThemeProvider>
      <QueryClientProvider client={queryClient}>
        <DataSourceProvider source={source}>
          <RouterProvider router={router} />
        </DataSourceProvider>
      </QueryClientProvider>
    </ThemeProvider>,
  )
  return { ...utils, router, queryClient }
}
