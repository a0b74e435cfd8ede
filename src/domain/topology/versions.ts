import type { ChangeEvent, TopologyNode } from '../model'

/** A service drawn as one node per version it ran in the window (grouped by version). Pure. */
export interface SplitService {
  service: string
  versions: {
    version: string
    id: string
    /** the deploy of this version inside the window, if there was one (its time and stage) */
    deployed: { time: number; stage: string | null } | null
  }[]
}

/**
 * The services of a graph grouped by version that ran more than one version in the window, with
 * each version's deploy in the window (from the changes): which node is the new one, which the one
 * it replaces. Versions are listed oldest deploy first, a version deployed in the window last.
 */
export function splitServices(nodes: readonly Pick<TopologyNode, 'id' | 'service' | 'version'>[], changes: readonly ChangeEvent[]): SplitService[] {
  const by = new Map<string, { version: string; id: string }[]>()
  for (const n of nodes) {
    if (n.version === undefined) continue
    const list = by.get(n.service) ?? []
    list.push({ version: n.version, id: n.id })
    by.set(n.service, list)
  }
  const out: SplitService[] = []
  for (const [service, list] of by) {
    if (list.length < 2) continue
    const versions = list.map((v) => {
      const d = changes.filter((c) => c.kind === 'deploy' && c.service === service && c.version === v.version).sort((a, b) => b.time - a.time)[0]
      return { ...v, deployed: d ? { time: d.time, stage: d.deployStage } : null }
    })
    versions.sort((a, b) => (a.deployed?.time ?? -Infinity) - (b.deployed?.time ?? -Infinity) || a.version.localeCompare(b.version))
    out.push({ service, versions })
  }
  return out.sort((a, b) => a.service.localeCompare(b.service))
}
