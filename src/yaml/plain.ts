// Plain data converted from a YAML AST, and paths into it. Objects have no
// prototype and keys are defined with defineProperty, so `__proto__` is just a
// name; the order keys were written in is remembered (JS objects put integer-like
// keys such as 845 first).

export type Seg = string | number;
export type Path = Seg[];
export type Obj = Record<string, unknown>;

export function newObj(): Obj {
  return Object.create(null) as Obj;
}

/** Keys in the order written. */
const keyOrder = new WeakMap<Obj, string[]>();

export function keysOf(o: Obj): string[] {
  return keyOrder.get(o) ?? Object.keys(o);
}

export function setKey(o: Obj, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  const order = keyOrder.get(o);
  if (order) order.push(key);
  else keyOrder.set(o, [key]);
}

export function hasKey(o: Obj, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

export function get(o: unknown, key: Seg): unknown {
  if (Array.isArray(o) && typeof key === 'number') return o[key];
  if (isObj(o) && typeof key === 'string' && hasKey(o, key)) return o[key];
  return undefined;
}

export function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const seg of path) v = get(v, seg);
  return v;
}

export function pathKey(path: Path): string {
  return JSON.stringify(path);
}

/** A set of paths that answers prefix questions in time proportional to the depth. */
export class PathSet {
  private readonly members = new Set<string>();
  /** every member and every ancestor of a member */
  private readonly prefixes = new Set<string>();
  push(path: Path): void {
    this.members.add(pathKey(path));
    for (let i = 0; i <= path.length; i++) this.prefixes.add(pathKey(path.slice(0, i)));
  }
  /** a member is `path` or one of its ancestors */
  covers(path: Path): boolean {
    for (let i = 0; i <= path.length; i++) if (this.members.has(pathKey(path.slice(0, i)))) return true;
    return false;
  }
  /** a member is at, inside or above `path` */
  touches(path: Path): boolean {
    return this.prefixes.has(pathKey(path)) || this.covers(path);
  }
}

/** Does `path` match a pattern in which '*' stands for any one segment? */
export function matchesPattern(path: Path, pattern: readonly string[]): boolean {
  return pattern.length === path.length && pattern.every((seg, i) => seg === '*' || seg === path[i]);
}
