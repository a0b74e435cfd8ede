import type { RequestOptions } from './request'

/**
 * An answer to this very request that is already on its way (asked for before the caller came),
 * or null when there is none and the caller asks for itself. `signal` is the caller's: it stops
 * that answer as it would stop the caller's own request.
 */
export type AnswerUnderWay = (url: string, accept: string, signal: AbortSignal) => Promise<Response | null>

export interface StreamOptions extends RequestOptions {
  /** an answer already requested for this address and media type (taken instead of asking again) */
  underWay?: AnswerUnderWay
  /** the body is read only once this settles (the bytes wait in the network buffer meanwhile) */
  readAfter?: Promise<unknown>
}

/** About how many characters of lines a block holds (a long chunk is split, so the first lines come soon). */
export const BLOCK_CHARS = 256 * 1024

/**
 * Splits text of one JSON document per line (NDJSON), arriving in pieces, into blocks of complete
 * lines: each block is the lines of about BLOCK_CHARS characters, without the last newline, with
 * the number of its first line (from 1), so the caller can parse a block at a time while the rest
 * is on its way and name the line a bad document is on. The line cut by the end of a piece waits
 * for the next piece; `end` gives whatever is left as the last line, with or without its newline.
 */
export class LineBlocks {
  private rest = ''
  private lineNumber = 0

  constructor(private readonly blockChars = BLOCK_CHARS) {}

  /** The complete lines the text so far adds, in blocks. */
  push(text: string): [block: string, firstLine: number][] {
    return this.split(this.rest + text, false)
  }

  /** The last lines, once the text is complete. */
  end(): [block: string, firstLine: number][] {
    return this.split(this.rest, true)
  }

  private split(decoded: string, done: boolean): [string, number][] {
    const text = done ? decoded.replace(/\s+$/, '') : decoded
    const last = done ? text.length : text.lastIndexOf('\n')
    const blocks: [string, number][] = []
    for (let from = 0; from <= last; ) {
      const cut = last - from > this.blockChars ? text.indexOf('\n', from + this.blockChars) : last
      const to = cut === -1 || cut > last ? last : cut
      const block = text.slice(from, to)
      if (block) blocks.push([block, this.lineNumber + 1])
      this.lineNumber += countNewlines(block) + 1
      from = to + 1
    }
    this.rest = last === -1 ? text : text.slice(last + 1)
    return blocks
  }
}

function countNewlines(text: string): number {
  let n = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++
  return n
}
