import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { serviceColor } from '../lib/service-color'
import { assignServiceColors } from '../lib/service-palette'

type ColorOf = (service: string) => string

const ServiceColorsContext = createContext<ColorOf>(serviceColor)

/**
 * Gives the services shown together colours told apart by maximum distance
 * (`assignServiceColors`); a service outside the set keeps its hash colour. `services` may name a
 * service many times (one per span of a big trace): pass the same object while it does not change,
 * so it is not gone through again at every render.
 */
export function ServiceColors({ services, children }: { services: Iterable<string>; children: ReactNode }) {
  const key = useMemo(() => [...new Set(services)].sort().join('\n'), [services])
  const colorOf = useMemo<ColorOf>(() => {
    const assigned = assignServiceColors(key === '' ? [] : key.split('\n'))
    return (s) => assigned.get(s) ?? serviceColor(s)
  }, [key])
  return <ServiceColorsContext.Provider value={colorOf}>{children}</ServiceColorsContext.Provider>
}

/** The colour of a service in the current view. */
export function useServiceColor(): ColorOf {
  return useContext(ServiceColorsContext)
}
