// What every chart of the HTML report shares: the page width, plain-digit plurals,
// pounds, and the figure / "Show as a table" frames.
import { formatPounds, moneyFromNumber } from '../../money.js';
import { plural as countOf } from '../../plural.js';
import { int } from './escape.js';

export const WIDTH = 960;

export function plural(count: number, one: string, many = `${one}s`): string {
  return countOf(count, one, many, int);
}

export function pounds(amount: number): string {
  const m = moneyFromNumber(amount);
  return m ? formatPounds(m.pence) : '?';
}

export function figure(id: string, svg: string, caption: string, table = ''): string {
  return `<figure id="${id}-figure">${svg}<figcaption>${caption}</figcaption>${table}</figure>`;
}

export function altTable(summary: string, head: string[], rows: string[][], numeric: boolean[] = []): string {
  const th = head.map((h, i) => `<th scope="col"${numeric[i] ? ' class="num"' : ''}>${h}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${numeric[i] ? ' class="num"' : ''}>${c}</td>`)).join('')}</tr>`)
    .join('');
  return `<details><summary>${summary}</summary><div class="table-wrap"><table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div></details>`;
}
