// "Did you mean …?" for a missing required column (issue 9 item 5): the header cell of
// the file that most looks like the column, by the words they share once the words
// vendors and HR systems use are read as ours (`Placement ID` → assignment id,
// `SWE Reg No` → swe number, `Pay Rate (£/hr)` → hourly pay rate).

/** Words of exports read as the words of the canonical column names. */
const SYNONYMS: Record<string, string> = {
  placement: 'assignment', booking: 'assignment', engagement: 'assignment', contract: 'assignment', assignment: 'assignment',
  identifier: 'id', ref: 'id', reference: 'id', no: 'number', num: 'number', nbr: 'number', number: 'number',
  reg: 'number', registration: 'number', swe: 'swe', sw: 'swe',
  council: 'la', authority: 'la', la: 'la', lea: 'la', borough: 'la',
  commenced: 'start', commencement: 'start', begin: 'start', from: 'start', start: 'start',
  finish: 'end', until: 'end', to: 'end', end: 'end', leaving: 'leaving', left: 'leaving', leaver: 'leaving',
  job: 'role', title: 'role', position: 'role', post: 'role', grade: 'role', role: 'role',
  hr: 'hourly', hrs: 'hours', hour: 'hourly', hourly: 'hourly', ph: 'hourly',
  wage: 'pay', salary: 'pay', pay: 'pay', rate: 'rate', charge: 'charge', bill: 'charge',
  dob: 'date', date: 'date', day: 'date', code: 'code', gss: 'code', ons: 'code',
};

// `substantive` is the contract's word, not the exports' (`Left Council`, `Left On`)
const STOP = new Set(['of', 'the', 'a', 'an', 'and', 'per', 'in', 'on', 'gbp', 'substantive']);

function words(text: string): string[] {
  const out: string[] = [];
  for (let word of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (word === '' || STOP.has(word)) continue;
    if (!(word in SYNONYMS)) {
      // a plain stem: `Started` → start, `Rates` → rate
      if (word.length > 4 && word.endsWith('ed')) word = word.slice(0, -2);
      else if (word.length > 3 && word.endsWith('s')) word = word.slice(0, -1);
    }
    out.push(SYNONYMS[word] ?? word);
  }
  return out;
}

/** How much a header cell looks like a column: the share of the column's words it has, and those words. */
export function headerLikeness(column: string, cell: string): { score: number; shared: string[] } {
  const wanted = new Set(words(column.replace(/_/g, ' ')));
  const have = new Set(words(cell));
  const shared = [...wanted].filter((w) => have.has(w));
  if (have.size === 0 || shared.length === 0) return { score: 0, shared: [] };
  // the share of the column's words found, then how little else the cell says
  return { score: shared.length / wanted.size + shared.length / (have.size * 100), shared };
}

/**
 * The header cell most like `column` among `cells` (those not already matched to a
 * column are passed), or null when none shares a word with it. Ties: the leftmost.
 */
export function closestHeader(column: string, cells: readonly string[]): string | null {
  let best: string | null = null;
  let bestScore = 0;
  for (const cell of cells) {
    const { score } = headerLikeness(column, cell);
    if (score > bestScore) {
      bestScore = score;
      best = cell.trim();
    }
  }
  return best;
}

/** The header cells as a short list for a message: non-blank, quoted, at most `max`. */
export function headerList(cells: readonly string[], max = 15): string {
  const shown = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (shown.length === 0) return '(none)';
  const list = shown.slice(0, max).map((c) => `"${c}"`).join(', ');
  return shown.length > max ? `${list} and ${shown.length - max} more` : list;
}
