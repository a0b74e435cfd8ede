import { useDeferredValue, useMemo } from 'react'

/**
 * `value` through `useDeferredValue`, but only ever `value` of the current `key`: while the
 * deferred render for a new key is pending, the urgent render gets `undefined`, never the value
 * that belonged to the key before (a deferred value alone would hand trace A's spans to the page of
 * trace B for a render).
 */
export function useDeferredFor<T>(key: string, value: T | undefined): T | undefined {
  const live = useMemo(() => ({ key, value }), [key, value])
  const deferred = useDeferredValue(live)
  return deferred.key === key ? deferred.value : undefined
}
