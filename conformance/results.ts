// The outcome of each check, and the report of a whole run.
import { CHECKS, checkInfo } from './catalogue.js';
import type { Transport } from './client.js';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  readonly name: string;
  readonly required: boolean;
  readonly status: CheckStatus;
  /** One line: what was verified (pass), the first problem (fail), or why it did not run (skip). */
  readonly reason: string;
  /** Every problem found (fail only). */
  readonly problems: readonly string[];
  /** Information that is not a failure, e.g. frames about other users or chats. */
  readonly notes: readonly string[];
  readonly durationMs: number;
}

export interface ReportSummary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly requiredFailed: number;
  readonly optionalFailed: number;
}

export interface Report {
  readonly url: string;
  readonly users: readonly [number, number];
  readonly projectId: number | null;
  /** Included in every text the run sends, to tell its frames from other traffic. */
  readonly runId: string;
  /** The token transport the run used after the auth checks, or null when none worked. */
  readonly transport: Transport | null;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly checks: readonly CheckResult[];
  readonly summary: ReportSummary;
  /** True when no required check failed: the exit code is 0 exactly then. */
  readonly ok: boolean;
}

/** What one check found; turned into a result when the check ends. */
export class Verdict {
  readonly problems: string[] = [];
  readonly notes: string[] = [];
  constructor(public summary = '') {}

  fail(...problems: string[]): this {
    this.problems.push(...problems);
    return this;
  }

  note(...notes: string[]): this {
    this.notes.push(...notes);
    return this;
  }

  /** Takes over another verdict's problems and notes. */
  merge(other: Verdict): this {
    this.problems.push(...other.problems);
    this.notes.push(...other.notes);
    return this;
  }
}

export class Results {
  #results = new Map<string, CheckResult>();
  #onResult: ((result: CheckResult) => void) | undefined;

  constructor(onResult?: (result: CheckResult) => void) {
    this.#onResult = onResult;
  }

  record(name: string, verdict: Verdict, durationMs = 0): CheckResult {
    const failed = verdict.problems.length > 0;
    return this.#set({
      name,
      required: checkInfo(name).required,
      status: failed ? 'fail' : 'pass',
      reason: failed ? (verdict.problems[0] ?? '') : verdict.summary || 'as the spec says',
      problems: [...verdict.problems],
      notes: [...verdict.notes],
      durationMs,
    });
  }

  skip(name: string, reason: string): CheckResult {
    return this.#set({
      name,
      required: checkInfo(name).required,
      status: 'skip',
      reason,
      problems: [],
      notes: [],
      durationMs: 0,
    });
  }

  /** Skips every check not decided yet whose name starts with one of the prefixes. */
  skipRemaining(prefixes: readonly string[], reason: string): void {
    for (const { name } of CHECKS) {
      if (!this.#results.has(name) && prefixes.some((p) => name.startsWith(p))) this.skip(name, reason);
    }
  }

  status(name: string): CheckStatus | undefined {
    return this.#results.get(name)?.status;
  }

  /** Every check in catalogue order; the ones never decided are skipped with `reason`. */
  all(reason: string): CheckResult[] {
    return CHECKS.map(({ name }) => this.#results.get(name) ?? this.skip(name, reason));
  }

  #set(result: CheckResult): CheckResult {
    this.#results.set(result.name, result);
    this.#onResult?.(result);
    return result;
  }
}

export function summarize(checks: readonly CheckResult[]): ReportSummary {
  const count = (predicate: (c: CheckResult) => boolean): number => checks.filter(predicate).length;
  return {
    total: checks.length,
    passed: count((c) => c.status === 'pass'),
    failed: count((c) => c.status === 'fail'),
    skipped: count((c) => c.status === 'skip'),
    requiredFailed: count((c) => c.status === 'fail' && c.required),
    optionalFailed: count((c) => c.status === 'fail' && !c.required),
  };
}
