// Name normalisation shared by the rules loader (collision checks) and the row
// reader (matching cells), so both sides agree on what "the same name" means.
import type { Role } from '../types.js';

/** trim, lower-case, inner white space collapsed to one space (rules.md "Role of a row"). */
export function normaliseRoleText(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Every normalised name a role answers to: its key (`_` read as a space), label and aliases. */
export function roleNames(role: Role): string[] {
  const names = [normaliseRoleText(role.key.replace(/_/g, ' ')), normaliseRoleText(role.label)];
  for (const alias of role.aliases) names.push(normaliseRoleText(alias));
  return [...new Set(names)];
}

/** normalised name -> role key */
export function buildRoleIndex(roles: readonly Role[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const role of roles) for (const name of roleNames(role)) if (!index.has(name)) index.set(name, role.key);
  return index;
}

/** Header normalisation (engagements.md): trim, lower-case, runs of spaces, `-` and `_` to one `_`, `_` dropped at the ends. Only the space character counts inside: a tab or line break in a header cell is kept, as the contract says "spaces". */
export function normaliseHeader(text: string): string {
  return text.trim().toLowerCase().replace(/[ _-]+/g, '_').replace(/^_+|_+$/g, '');
}
