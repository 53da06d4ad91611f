// One way to write a count with its noun, for every message and format.

/** "1 row", "2 rows", "1 week", "3 weeks"; `show` formats the number (the HTML report's plain digits). */
export function plural(n: number, one: string, many = `${one}s`, show: (n: number) => string = String): string {
  return `${show(n)} ${n === 1 ? one : many}`;
}
