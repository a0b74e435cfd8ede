import { describe, expect, it } from 'vitest'
import { TaskSlicer } from './pacer'

const busy = (ms: number) => {
  const t0 = performance.now()
  while (performance.now() - t0 < ms) {
    // work that holds the thread
  }
}

/** Whether a task queued before `turn` ran before `turn` settled. */
async function queuedTaskRanDuring(turn: () => Promise<void>): Promise<boolean> {
  let ran = false
  setTimeout(() => {
    ran = true
  }, 0)
  // the timer is due before the turn is asked for
  busy(3)
  await turn()
  return ran
}

describe('TaskSlicer', () => {
  it('keeps going in the same task while the work since the last turn is short', async () => {
    // (made just before its turn: no work since)
    expect(await queuedTaskRanDuring(() => new TaskSlicer().turn())).toBe(false)
  })

  it('ends the task once a frame’s worth of work has run, so tasks queued meanwhile get their turn', async () => {
    const slicer = new TaskSlicer()
    busy(25)
    expect(await queuedTaskRanDuring(() => slicer.turn())).toBe(true)
  })
})
