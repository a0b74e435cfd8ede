/**
 * A schema built when it is first used, not when its module is evaluated. Building the console's
 * wire schemas is a sizeable part of the shell's start (zod sets up every field and check of every
 * answer the console can read), while a page needs a few of them, later, when answers come; this
 * takes that work out of the task that starts the console. The value behaves as the schema itself
 * (parse, safeParse, composing it into other schemas), which is built once, on the first access.
 */
export function deferred<T extends object>(make: () => T): T {
  let made: T | null = null
  const real = (): T => (made ??= make())
  return new Proxy({} as T, {
    get(_target, key) {
      const s = real()
      const v: unknown = Reflect.get(s, key, s)
      return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(s) : v
    },
    has: (_target, key) => Reflect.has(real(), key),
    set: (_target, key, value) => Reflect.set(real(), key, value),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor(_target, key) {
      const d = Reflect.getOwnPropertyDescriptor(real(), key)
      // reported as configurable: the stand-in object holds no property of its own
      return d ? { ...d, configurable: true } : undefined
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  })
}
