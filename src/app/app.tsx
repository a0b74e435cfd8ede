import { QueryClientProvider } from '@tanstack/react-query'
import type { QueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { RouterProvider } from 'react-router'
import type { RuntimeConfig } from '../api/config'
import { createQueryClient } from '../api/query-client'
import { DataSourceProvider } from '../api/source-context'
import type { DataSource } from '../api/sources/data-source'
import { ThemeProvider } from '../ui/theme'
import { createAppRouter } from './router'
import type { AppRouter } from './router'

export interface AppProps {
  source: DataSource
  config: RuntimeConfig
  /** a client boot already started queries in (see ./boot/early-start.ts); a new one otherwise */
  queryClient?: QueryClient
  /** a router boot already created (its first view loading); a new one otherwise */
  router?: AppRouter
}

export function App({ source, queryClient: given, router: givenRouter }: AppProps) {
  const [queryClient] = useState(() => given ?? createQueryClient())
  const [router] = useState(() => givenRouter ?? createAppRouter())
  return (
    <ThemeProvider>
      <QueryClientProvider client={queryClient}>
        <DataSourceProvider source={source}>
          <RouterProvider router={router} />
        </DataSourceProvider>
      </QueryClientProvider>
    </ThemeProvider>
  )
}
