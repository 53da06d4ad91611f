// Which profile reads which file: apart from what a profile does to a table (apply.ts),
// so that picomatch is loaded only when --profile is given.
import picomatch from 'picomatch';
import { planOf, type ProfilePlan } from './apply.js';
import type { LoadedProfile } from './load.js';

/**
 * The profile for each input file: the first profile (in the order given) whose
 * `files` patterns match the path as typed or its file name; else the one profile
 * without `files`, if any; else none.
 */
export class ProfileSelector {
  private readonly specific: { plan: ProfilePlan; match: (path: string) => boolean }[] = [];
  private readonly general: ProfilePlan | null;

  constructor(profiles: readonly LoadedProfile[]) {
    let general: ProfilePlan | null = null;
    for (const loaded of profiles) {
      const files = loaded.profile.files;
      if (files === undefined) {
        general ??= planOf(loaded);
        continue;
      }
      const patterns = (typeof files === 'string' ? [files] : files).map((f) => f.replace(/\\/g, '/'));
      const isMatch = picomatch(patterns, { nocase: true, dot: true });
      this.specific.push({ plan: planOf(loaded), match: (path) => {
        const typed = path.replace(/\\/g, '/');
        return isMatch(typed) || isMatch(typed.slice(typed.lastIndexOf('/') + 1));
      } });
    }
    this.general = general;
  }

  /** Profiles given without `files`, after the first: they can never apply. */
  static unreachable(profiles: readonly LoadedProfile[]): string[] {
    return profiles.filter((l) => l.profile.files === undefined).slice(1).map((l) => l.path);
  }

  planFor(path: string): ProfilePlan | null {
    for (const s of this.specific) if (s.match(path)) return s.plan;
    return this.general;
  }
}
