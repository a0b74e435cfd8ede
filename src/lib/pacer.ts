/**
 * Sharing the main thread while a long piece of work (a streamed answer, a trace file handed over
 * by its worker) is taken in, a block at a time.
 */

const YIELD_AFTER_MS = 16
const PAINT_EVERY_MS = 500

/**
 * Shares the main thread while a long answer is taken in. Chunks already on hand resolve without
 * leaving the task, so: after a frame's worth of work, the page's other queued tasks (a view's
 * code, React) get their turn; after the first lines and then every half second, the page also
 * gets a frame to paint (the first rows, the progress).
 */
export class Pacer {
  private readonly slicer = new TaskSlicer()
  private painted = performance.now()
  private firstShown = false
  private paintDue = false

  handedOver(): void {
    if (!this.firstShown) {
      this.firstShown = true
      this.paintDue = true
    }
  }

  async turn(): Promise<void> {
    if (this.paintDue || performance.now() - this.painted > PAINT_EVERY_MS) {
      this.paintDue = false
      await nextFrame()
      this.painted = performance.now()
      this.slicer.restart()
    } else {
      await this.slicer.turn()
    }
  }
}

/**
 * Ends the task once a frame's worth of time (YIELD_AFTER_MS) has passed since it last did, or since
 * the slicer was made: for a loop over pieces that are already on hand (a body's chunks resolve
 * without leaving the task while the network has them buffered), so the page's input, rendering and
 * other tasks are not held up behind the whole loop. (Time spent waiting counts too: after a wait,
 * the next turn yields once more, at the cost of one message.)
 */
export class TaskSlicer {
  private since = performance.now()

  async turn(): Promise<void> {
    if (performance.now() - this.since <= YIELD_AFTER_MS) return
    await yieldToPage()
    this.restart()
  }

  /** Counts the frame's worth of time from now (the page has just had its turn some other way). */
  restart(): void {
    this.since = performance.now()
  }
}

/** After the next frame was drawn (a hidden page draws none: then after 50 ms). */
export function nextFrame(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return yieldToPage()
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 50)
    requestAnimationFrame(() => {
      clearTimeout(fallback)
      void yieldToPage().then(resolve)
    })
  })
}

/** Waits until the tasks queued now have run (a message to itself: no 4 ms timer clamping). */
function yieldToPage(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0))
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}

