// @vitest-environment node
import { alertsIn, changesIn, stepWindow } from '../../../src/domain/topology/view-model'
import { alertsIn as serverAlerts, changesIn as serverChanges } from '../events'
import { HOUR, MIN, NOW, pinnedWorld } from './fixtures'

describe('events of a live window, asked for per whole minute and cut back to the window', () => {
  it('are exactly what the server answers for the window itself', () => {
    const { world, inc } = pinnedWorld()
    let checkedChanges = 0
    let checkedAlerts = 0
    // windows ending every 7 s over the incidents of the pinned hour, and a day back
    for (let to = NOW - 2 * HOUR; to <= NOW; to += 7_000 * 97) {
      for (const span of [15 * MIN, HOUR, 24 * HOUR]) {
        const w = { from: to - span, to }
        const wide = stepWindow(w, MIN)
        expect(wide.from).toBeLessThanOrEqual(w.from)
        expect(wide.to).toBeGreaterThanOrEqual(w.to)
        const changes = changesIn(serverChanges(world, inc, wide.from, wide.to), w.from, w.to)
        const alerts = alertsIn(serverAlerts(inc, wide.from, wide.to), w.from, w.to)
        expect(changes).toEqual(serverChanges(world, inc, w.from, w.to))
        expect(alerts).toEqual(serverAlerts(inc, w.from, w.to))
        checkedChanges += changes.length
        checkedAlerts += alerts.length
      }
    }
    // the windows did hold events
    expect(checkedChanges).toBeGreaterThan(20)
    expect(checkedAlerts).toBeGreaterThan(20)
  })
})
