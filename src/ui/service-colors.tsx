import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { serviceColor } from '../lib/service-color'
import { assignServiceColors } from '../lib/service-palette'

type ColorOf = (service: string) => string

const ServiceColorsContext = createContext<ColorOf>(serviceColor)

/**
 * Gives the services shown together colours told apart by maximum distance
 * (`assignServiceColors`); a service outside the set keeps its hash colour.
 */
export function ServiceColors({ services, children }: { services: Iterable<string>; children: ReactNode }) {
  const key = [...new Set(services)].sort().join('\n')
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
