// Keeps one instance across dev rebuilds (the module may be evaluated again, globalThis is not).
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as { __parkmatch?: Map<string, unknown> };
  store.__parkmatch ??= new Map();
  if (!store.__parkmatch.has(name)) store.__parkmatch.set(name, create());
  return store.__parkmatch.get(name) as T;
}
