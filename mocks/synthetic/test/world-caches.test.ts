// @vitest-environment node
import { WORLD_CACHE_IDLE_MS } from '../bounded-cache'
import { cachedSlotState, SLOT_STATE_BUDGET_BYTES, slotStateBytes, slotStateCacheUse } from '../sampling'
import { rowCacheUse, slotRows } from '../search'
import { slotErr, slotOf, slotState } from '../traffic'
import { BASE_SERVICE_COUNT, getWorld, MAX_SCALE, setWorldScale } from '../world'
import { NOW, pinnedWorld } from './fixtures'

afterEach(() => {
  vi.useRealTimers()
  setWorldScale(BASE_SERVICE_COUNT)
})

it('the slot-state cache stays within its byte budget at the largest scale, and an evicted slot comes back the same', () => {
  const { inc } = pinnedWorld()
  setWorldScale(MAX_SCALE)
  const world = getWorld()
  const first = slotOf(NOW) - 2000
  const kept = structuredClone(cachedSlotState(world, first, inc))
  const perSlot = slotStateBytes(kept)
  // more slots than the budget holds
  const slots = Math.ceil(SLOT_STATE_BUDGET_BYTES / perSlot) + 40
  for (let s = first + 1; s <= first + slots; s++) {
    cachedSlotState(world, s, inc)
    expect(slotStateCacheUse().bytes).toBeLessThanOrEqual(SLOT_STATE_BUDGET_BYTES)
  }
  expect(slotStateCacheUse().entries).toBeLessThan(slots)
  // the first slot was evicted; asked again, it is computed again and equal
  const again = cachedSlotState(world, first, inc)
  expect(again).toEqual(kept)
  expect(again).toEqual(slotState(world, first, inc))
}, 120_000)

it('slots a sliding window left are dropped after the idle limit, and rows asked for again are the same', () => {
  // entries other tests left carry real timestamps; the fake clock starts at 0
  const realNow = performance.now()
  vi.useFakeTimers({ toFake: ['performance'] })
  const { world, inc } = pinnedWorld()
  const old = slotOf(NOW) - 500
  const rows = slotRows(world, old, inc).map((r) => ({ id: r.id, summary: r.summary, dc: r.dc }))
  expect(rows.length).toBeGreaterThan(0)
  const before = rowCacheUse().slots
  vi.advanceTimersByTime(realNow + WORLD_CACHE_IDLE_MS + 1000)
  // a live view keeps asking for the recent slots; the old one is no longer asked for
  for (let s = slotOf(NOW) - 30; s < slotOf(NOW); s++) {
    slotRows(world, s, inc)
    cachedSlotState(world, s, inc)
  }
  expect(rowCacheUse().slots).toBe(30)
  expect(slotStateCacheUse().entries).toBe(30)
  expect(before).toBeGreaterThan(0)
  expect(slotRows(world, old, inc).map((r) => ({ id: r.id, summary: r.summary, dc: r.dc }))).toEqual(rows)
})

it('the failure probabilities alone (a day of minute rates asks for them) are exactly those of the full slot state, in and out of the incidents', () => {
  const { world, inc } = pinnedWorld()
  const slots = [slotOf(NOW - 6 * 3600_000), slotOf(inc.deployA) + 5, slotOf(inc.spikeFrom) + 1, slotOf(inc.outageFrom) + 1, slotOf(NOW)]
  const quiet = slotState(world, slots[0], inc).err
  for (const slot of slots) {
    const full = slotState(world, slot, inc).err
    expect(slotErr(world, slot, inc)).toEqual(full)
  }
  // the panic is among them: its slot's failures differ from the quiet one's
  expect(slotErr(world, slots[1], inc)).not.toEqual(quiet)
})
