import { createContext, useContext } from 'react'
import type { ReactNode } from 'react'
import type { DataSource } from './sources/data-source'

const DataSourceContext = createContext<DataSource | null>(null)

export function DataSourceProvider({ source, children }: { source: DataSource; children: ReactNode }) {
  return <DataSourceContext.Provider value={source}>{children}</DataSourceContext.Provider>
}

/** The data source in use. Views pass it to the queryOptions factories in src/api/queries. */
export function useDataSource(): DataSource {
  const source = useContext(DataSourceContext)
  if (!source) throw new Error('useDataSource() needs a <DataSourceProvider> above it.')
  return source
}
