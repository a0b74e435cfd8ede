// @vitest-environment node
import { currentIncidents } from '../incidents'
import { buildTopology, focusTopology } from '../topology'
import { BASE_SERVICE_COUNT, getWorld, MAX_SCALE, setWorldScale } from '../world'
import { HOUR, NOW, pinnedWorld } from './fixtures'

afterEach(() => setWorldScale(BASE_SERVICE_COUNT))

it('grows the world to the asked number of services, all reached by traffic', () => {
  pinnedWorld()
  setWorldScale(MAX_SCALE)
  const world = getWorld()
  expect(world.services).toHaveLength(MAX_SCALE)
  const topo = buildTopology(world, currentIncidents(), { from: NOW - HOUR, to: NOW, groupBy: 'service' })
  expect(topo.nodes).toHaveLength(MAX_SCALE)
  expect(topo.nodes.every((n) => n.rps > 0)).toBe(true)
  const ids = new Set(topo.nodes.map((n) => n.id))
  expect(topo.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true)
  const focused = focusTopology(topo, 'product-service', 1, 2)!
  expect(focused.nodes.length).toBeGreaterThan(3)
  expect(focused.nodes.length).toBeLessThan(200)
  // (the 1,000-service world and an hour of its topology: 25 s alone on a two-core machine here, load 1.5)
}, 60_000)

it('keeps the base world below its own size', () => {
  setWorldScale(5)
  expect(getWorld().services).toHaveLength(BASE_SERVICE_COUNT)
})
