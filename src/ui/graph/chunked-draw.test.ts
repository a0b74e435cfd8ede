import { nextChunkSize } from './chunked-draw'

describe('nextChunkSize', () => {
  it('fills the frame budget with elements when drawing what is there is cheap', () => {
    // 1 ms per 10 elements added, 10 ms of drawing: 70 ms of room → 700 elements
    expect(nextChunkSize({ added: 200, addMs: 20, frameMs: 30, drawn: 200 })).toBe(700)
  })

  it('grows by a quarter of what is drawn when drawing alone fills a frame, so big graphs need few frames', () => {
    expect(nextChunkSize({ added: 200, addMs: 20, frameMs: 300, drawn: 2000 })).toBe(500)
    // … but never more than adding alone can do in a frame's budget (80 ms at 1 ms per element)
    expect(nextChunkSize({ added: 100, addMs: 100, frameMs: 400, drawn: 2000 })).toBe(80)
    // 5,500 elements from a first chunk of 200: frames stay few even when every frame is over budget
    let drawn = 200
    let frames = 1
    while (drawn < 5500) {
      drawn += nextChunkSize({ added: 200, addMs: 20, frameMs: 400, drawn })
      frames++
    }
    expect(frames).toBeLessThan(20)
  })

  it('stays within its bounds', () => {
    expect(nextChunkSize({ added: 10, addMs: 100, frameMs: 100, drawn: 10 })).toBe(40)
    expect(nextChunkSize({ added: 100, addMs: 0, frameMs: 5, drawn: 100 })).toBe(800)
  })
})
