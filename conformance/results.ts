// The outcome of each check, and the report of a whole run.
import { CHECKS, checkInfo } from './catalogue.js';
import type { Transport } from './transports.js';
import type { LeftBehind } from './ledger.js';
import type { TraceLine } from './trace.js';

/**
 * `pass` / `fail`: the verdict. `blocked`: it could not be judged because something it needs could
 * not be had (the reason says what, and which check found the cause). `skip`: it was not run, for
 * want of configuration (the reason names the flag).
 */
export type CheckStatus = 'pass' | 'fail' | 'blocked' | 'skip';

export interface CheckResult {
  readonly name: string;
  readonly required: boolean;
  readonly status: CheckStatus;
  /** One line: what was verified (pass), the first problem (fail), why it could not be judged or was not run. */
  readonly reason: string;
  /** Every problem found (fail only). */
  readonly problems: readonly string[];
  /** What differs from the spec without failing the check (extra fields; failures with --strict). */
  readonly warnings: readonly string[];
  /** Information that is neither, e.g. frames about other users or chats, why a handshake was refused. */
  readonly notes: readonly string[];
  readonly durationMs: number;
  /** The frames in and out while it ran: for a check that did not pass, or for every check with `trace`. */
  readonly frames?: readonly TraceLine[];
}

export interface ReportSummary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly blocked: number;
  readonly skipped: number;
  readonly requiredFailed: number;
  readonly optionalFailed: number;
  readonly requiredBlocked: number;
  /** Warnings over all checks. */
  readonly warnings: number;
}

export interface Report {
  readonly url: string;
  /** The protocol version the server was checked against. */
  readonly protocol: number;
  readonly users: readonly [number, number];
  readonly outsider: number | null;
  readonly projectId: number | null;
  /** Extra fields in server frames fail the checks (true) or are warnings (false). */
  readonly strict: boolean;
  /** Included in every text the run sends, to tell its frames from other traffic. */
  readonly runId: string;
  /** The token transport the run used, or null when none worked. */
  readonly transport: Transport | null;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly checks: readonly CheckResult[];
  readonly summary: ReportSummary;
  /** How many messages the run sent (each is deleted at the end when the server stored it). */
  readonly created: number;
  /** The messages the run created and could not delete, and why; empty when it left nothing. */
  readonly leftBehind: readonly LeftBehind[];
  /** True when no required check failed or was blocked: the exit code is 0 exactly then. */
  readonly ok: boolean;
}

/** What one check found; turned into a result when the check ends. */
export class Verdict {
  readonly problems: string[] = [];
  readonly warnings: string[] = [];
  readonly notes: string[] = [];
  constructor(public summary = '') {}

  fail(...problems: string[]): this {
    this.problems.push(...problems);
    return this;
  }

  warn(...warnings: string[]): this {
    this.warnings.push(...warnings);
    return this;
  }

  note(...notes: string[]): this {
    this.notes.push(...notes);
    return this;
  }

  /** Takes over another verdict's problems, warnings and notes. */
  merge(other: Verdict): this {
    this.problems.push(...other.problems);
    this.warnings.push(...other.warnings);
    this.notes.push(...other.notes);
    return this;
  }
}

export interface ResultsOptions {
  /** Called as each check is decided (for progress output). */
  onResult?: ((result: CheckResult) => void) | undefined;
  /** Why a check is not run (not selected, or missing configuration); undefined when it runs. */
  notRun?: ((name: string) => string | undefined) | undefined;
  /** Keep the frames of passing checks too. */
  keepFrames?: boolean | undefined;
}

const uniq = (list: readonly string[]): string[] => [...new Set(list)];

export class Results {
  #results = new Map<string, CheckResult>();
  readonly #options: ResultsOptions;

  constructor(options: ResultsOptions = {}) {
    this.#options = options;
  }

  /** Whether the check is to be run. */
  runs(name: string): boolean {
    return this.#options.notRun?.(name) === undefined;
  }

  record(name: string, verdict: Verdict, durationMs = 0, frames: readonly TraceLine[] = []): void {
    const failed = verdict.problems.length > 0;
    this.#set(
      {
        name,
        required: checkInfo(name).required,
        status: failed ? 'fail' : 'pass',
        reason: failed ? (verdict.problems[0] ?? '') : verdict.summary || 'as the spec says',
        problems: uniq(verdict.problems),
        warnings: uniq(verdict.warnings),
        notes: uniq(verdict.notes),
        durationMs,
      },
      frames,
    );
  }

  block(name: string, reason: string, frames: readonly TraceLine[] = [], notes: readonly string[] = []): void {
    this.#set(
      {
        name,
        required: checkInfo(name).required,
        status: 'blocked',
        reason,
        problems: [],
        warnings: [],
        notes: uniq(notes),
        durationMs: 0,
      },
      frames,
    );
  }

  status(name: string): CheckStatus | undefined {
    return this.#results.get(name)?.status;
  }

  get(name: string): CheckResult | undefined {
    return this.#results.get(name);
  }

  /** Every check in catalogue order; one never decided is blocked with `reason`, or skipped when it was not to run. */
  all(reason: string): CheckResult[] {
    return CHECKS.map(({ name, required }) => {
      const decided = this.#results.get(name);
      if (decided) return decided;
      const skip = this.#options.notRun?.(name);
      const result: CheckResult = {
        name,
        required,
        status: skip === undefined ? 'blocked' : 'skip',
        reason: skip ?? reason,
        problems: [],
        warnings: [],
        notes: [],
        durationMs: 0,
      };
      if (skip === undefined) this.#options.onResult?.(result);
      return result;
    });
  }

  #set(result: CheckResult, frames: readonly TraceLine[]): void {
    if (!this.runs(result.name)) return;
    const keep = frames.length > 0 && (result.status !== 'pass' || this.#options.keepFrames);
    const full = keep ? { ...result, frames: [...frames] } : result;
    this.#results.set(result.name, full);
    this.#options.onResult?.(full);
  }
}

export function summarize(checks: readonly CheckResult[]): ReportSummary {
  const count = (predicate: (c: CheckResult) => boolean): number => checks.filter(predicate).length;
  return {
    total: checks.length,
    passed: count((c) => c.status === 'pass'),
    failed: count((c) => c.status === 'fail'),
    blocked: count((c) => c.status === 'blocked'),
    skipped: count((c) => c.status === 'skip'),
    requiredFailed: count((c) => c.status === 'fail' && c.required),
    optionalFailed: count((c) => c.status === 'fail' && !c.required),
    requiredBlocked: count((c) => c.status === 'blocked' && c.required),
    warnings: checks.reduce((n, c) => n + c.warnings.length, 0),
  };
}
