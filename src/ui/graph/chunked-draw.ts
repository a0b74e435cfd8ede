import type { Core, ElementDefinition } from 'cytoscape'

/**
 * Above this many elements a fresh drawing is added over several frames, so no task freezes the
 * tab: styling and drawing an element for the first time costs about 0.5–1 ms on a slow machine
 * (the 265 elements of a big graph's overview, added at once, made one task of about 250–350 ms).
 */
export const ADD_IN_CHUNKS_ABOVE = 150
/**
 * Elements in the first frame (at most an eighth of the drawing: Cytoscape's styling and drawing
 * code runs for the first time there, cold, at several times its later cost); later frames are
 * sized from what the previous one cost.
 */
export const FIRST_CHUNK = 200
const FIRST_SHARE = 8
/** What one frame may take: adding a chunk plus drawing everything added so far (half the 100 ms a task may take on the way to a drawn graph). */
const FRAME_BUDGET_MS = 50
const MIN_CHUNK = 40
const MAX_CHUNK = 800
/**
 * Each frame redraws everything added so far; when that drawing alone fills the budget, chunks
 * still grow by this share of what is drawn, so the number of frames (and of full redraws) stays
 * logarithmic instead of growing with the graph.
 */
const MIN_GROWTH = 0.25

export interface DrawJob {
  cancel: () => void
}

/**
 * The next chunk's size from the last frame: `addMs` spent adding `added` elements, `frameMs`
 * from that step to this one (adding, drawing everything so far, and whatever else ran), `drawn`
 * elements in the graph now. Pure.
 */
export function nextChunkSize(last: { added: number; addMs: number; frameMs: number; drawn: number }): number {
  const perElement = last.addMs / Math.max(1, last.added)
  const drawMs = Math.max(0, last.frameMs - last.addMs)
  const room = FRAME_BUDGET_MS - drawMs
  const fits = perElement > 0 ? room / perElement : MAX_CHUNK
  // growth never asks more than adding alone can do within the budget
  const grow = Math.min(last.drawn * MIN_GROWTH, perElement > 0 ? FRAME_BUDGET_MS / perElement : MAX_CHUNK)
  return Math.round(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, fits, grow)))
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
  let size = Math.min(FIRST_CHUNK, Math.ceil(defs.length / FIRST_SHARE))
  let last: { start: number; added: number; addMs: number } | null = null
  let frame: number | null = null
  const step = () => {
    frame = null
    const t0 = performance.now()
    // the time since the last step covers adding that chunk and drawing it: steer the next size by it
    if (last) size = nextChunkSize({ added: last.added, addMs: last.addMs, frameMs: t0 - last.start, drawn: next })
    const chunk = ordered.slice(next, next + size)
    next += chunk.length
    cy.batch(() => {
      cy.add(chunk)
    })
    const addMs = performance.now() - t0
    spent += addMs
    last = { start: t0, added: chunk.length, addMs }
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
