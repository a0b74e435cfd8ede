import type { ServicesResponse } from '../../src/api/schemas/service'
import type { World } from './world'

/** Services with their layer, framework, DCs, clusters and operations. */
export function listServices(world: World): ServicesResponse {
  return {
    services: world.services.map((s) => ({
      name: s.name,
      layer: s.layer,
      framework: s.framework,
      dcs: s.dcs,
      clusters: [...new Set(s.placements.map((p) => p.cluster))],
      operations: s.ops.map((i) => ({ name: world.ops[i].name, kind: world.ops[i].kind })),
    })),
  }
}
