/**
 * A read-only array whose elements are made on access by `at(index)`: it holds no element
 * itself, so a result of millions of rows costs what its compact store costs, and a row is
 * materialised only when read. It behaves as an array for reading (`length`, indexing,
 * `for...of`, `map`, `filter`, spreading, `JSON.stringify`, `Array.isArray`); writing to it
 * fails. Each read makes a new object: compare rows by content, not identity.
 */
export function lazyRows<T>(count: number, at: (index: number) => T): readonly T[] {
  const target: T[] = [];
  const indexOf = (key: string | symbol): number | undefined => {
    if (typeof key !== 'string' || key === '' || key.length > 16) return undefined;
    const code = key.charCodeAt(0);
    if (code < 48 || code > 57 || (code === 48 && key.length > 1)) return undefined;
    const index = Number(key);
    return Number.isInteger(index) && index < count ? index : undefined;
  };
  return new Proxy(target, {
    get(t, key, receiver) {
      if (key === 'length') return count;
      const index = indexOf(key);
      if (index !== undefined) return at(index);
      if (key === Symbol.iterator) {
        return function* rows(): Generator<T> {
          for (let i = 0; i < count; i++) yield at(i);
        };
      }
      return Reflect.get(t, key, receiver);
    },
    has(t, key) {
      return indexOf(key) !== undefined || Reflect.has(t, key);
    },
    ownKeys() {
      const keys: string[] = [];
      for (let i = 0; i < count; i++) keys.push(String(i));
      keys.push('length');
      return keys;
    },
    getOwnPropertyDescriptor(t, key) {
      if (key === 'length') return { value: count, writable: true, enumerable: false, configurable: false };
      const index = indexOf(key);
      if (index === undefined) return Reflect.getOwnPropertyDescriptor(t, key);
      return { value: at(index), writable: false, enumerable: true, configurable: true };
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}
