/** Gives each distinct string a small number, in the order first seen; `names[id]` reads it back. */
export function createInterner(): { names: string[]; intern: (s: string) => number } {
  const names: string[] = []
  const ids = new Map<string, number>()
  const intern = (s: string): number => {
    let id = ids.get(s)
    if (id === undefined) {
      id = names.length
      names.push(s)
      ids.set(s, id)
    }
    return id
  }
  return { names, intern }
}
