import type { Core, ElementDefinition } from 'cytoscape'

/** Above this many elements a fresh drawing is added over several frames, so no task freezes the tab. */
export const CHUNK_ABOVE = 400
/** Elements in the first frame; later frames grow or shrink to keep each frame near FRAME_BUDGET_MS. */
export const FIRST_CHUNK = 200
const FRAME_BUDGET_MS = 90
const MIN_CHUNK = 60
const MAX_CHUNK = 1200

export interface DrawJob {
  cancel: () => void
}

/**
 * Adds elements (already positioned) to the graph a frame at a time, sized to the time frames take: compound boxes first, then
 * nodes, then edges, so the drawing grows in place without anything moving. `onDone` runs once
 * everything is in, with the main-thread time spent adding.
 */
export function addInChunks(cy: Core, defs: readonly ElementDefinition[], onDone: (ms: number) => void): DrawJob {
  const rank = (d: ElementDefinition) => (d.group === 'edges' ? 2 : d.position ? 1 : 0)
  const ordered = [...defs].sort((a, b) => rank(a) - rank(b))
  let next = 0
  let spent = 0
  let size = FIRST_CHUNK
  let lastStart: number | null = null
  let frame: number | null = null
  const step = () => {
    frame = null
    const t0 = performance.now()
    // the time since the last step covers adding that chunk and drawing it: steer the next size by it
    if (lastStart !== null) {
      const took = t0 - lastStart
      size = Math.round(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, took > FRAME_BUDGET_MS * 1.5 ? size * 0.6 : took < FRAME_BUDGET_MS ? size * 1.5 : size)))
    }
    lastStart = t0
    const chunk = ordered.slice(next, next + size)
    next += chunk.length
    cy.batch(() => {
      cy.add(chunk)
    })
    spent += performance.now() - t0
    if (next < ordered.length) frame = requestAnimationFrame(step)
    else onDone(spent)
  }
  frame = requestAnimationFrame(step)
  return {
    cancel: () => {
      if (frame !== null) cancelAnimationFrame(frame)
      frame = null
    },
  }
}
