import type { DataSource } from '../../../api/sources/data-source'

/** How long traces are kept, as the source says; never a figure the source did not give. */
export function retentionPhrase(source: Pick<DataSource, 'capabilities'>): string {
  const days = source.capabilities.traceRetentionDays
  return days !== undefined ? `traces are kept for ${days} days` : 'traces are kept only as long as the trace backend’s storage is set to keep them'
}
