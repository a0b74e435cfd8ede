/**
 * MSW's core asks for `localStorage` (its cookie store) whenever it is not in Node; a worker has
 * none. The world sets no cookies, so an in-memory store for the worker's lifetime is enough.
 * Imported first by the worker, before MSW is evaluated.
 */
if (typeof (globalThis as { localStorage?: unknown }).localStorage === 'undefined') {
  const items = new Map<string, string>()
  const memoryStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  }
  Object.defineProperty(globalThis, 'localStorage', { value: memoryStorage, configurable: true })
}
