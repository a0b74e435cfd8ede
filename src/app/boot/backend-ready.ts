import type { DataSource } from '../../api/sources/data-source'

/**
 * The data source, asking nothing before `ready` settles: with the synthetic backend, the page
 * renders at once while MSW's page side downloads and its service worker takes control, and each
 * request waits for that (a request sent before would reach the static server, not the synthetic
 * world). A source whose backend failed to start rejects every request with that failure.
 * Everything but the source's methods (id, label, capabilities, its request watch) reads as is.
 */
export function afterBackendReady(source: DataSource, ready: Promise<unknown>): DataSource {
  return new Proxy(source, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => ready.then(() => Reflect.apply(value, target, args))
    },
  })
}
