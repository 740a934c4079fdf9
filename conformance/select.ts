// Which checks a run runs: --only and --skip (by name or prefix), and what each needs configured.
import { CHECKS, type CheckInfo, type Need } from './catalogue.js';

/** Whether `selector` names the check: its full name, or a prefix of it ending at a dot (`direct`, `direct.new_message`, `direct.`). */
export function selects(selector: string, name: string): boolean {
  const s = selector.trim();
  if (!s) return false;
  if (s === name) return true;
  return name.startsWith(s.endsWith('.') ? s : `${s}.`);
}

/** The selectors that name no check at all (a typo, most likely). */
export const unknownSelectors = (selectors: readonly string[]): string[] =>
  selectors.filter((s) => !CHECKS.some((c) => selects(s, c.name)));

const NEED_REASONS: Readonly<Record<Need, string>> = {
  project: 'no --project given: this check needs a project both users are members of',
  outsider: 'no --outsider given: this check needs a user who is in neither chat of the run (--outsider <id>:<token>)',
};

export interface Selection {
  only?: readonly string[] | undefined;
  skip?: readonly string[] | undefined;
  /** What is configured. */
  has: Readonly<Record<Need, boolean>>;
}

/** Why a check does not run, naming the flag; undefined when it runs. */
export function notRunReason(check: CheckInfo, selection: Selection): string | undefined {
  const { only = [], skip = [] } = selection;
  if (only.length && !only.some((s) => selects(s, check.name))) return `not selected (--only ${only.join(',')})`;
  const skipped = skip.find((s) => selects(s, check.name));
  if (skipped) return `left out (--skip ${skipped})`;
  const missing = check.needs.find((need) => !selection.has[need]);
  return missing ? NEED_REASONS[missing] : undefined;
}
