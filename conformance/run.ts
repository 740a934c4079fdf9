// runConformance: drives the whole scripted conversation against a server and returns the report.
import { randomBytes } from 'node:crypto';
import { checkInfo } from './catalogue.js';
import { authSteps, probeTransports } from './checks/auth.js';
import { Context, type Step } from './checks/context.js';
import { directSteps } from './checks/direct.js';
import { errorSteps } from './checks/errors.js';
import { projectSteps } from './checks/project.js';
import { closingSteps, openSession, presenceSteps, sessionStep } from './checks/presence.js';
import { cleanUp } from './clean-up.js';
import type { Transport } from './transports.js';
import type { LeftBehind } from './ledger.js';
import { PROTOCOL_V1 } from './profile/v1.js';
import { PROTOCOL_V2 } from './profile/v2.js';
import { Results, summarize, type CheckResult, type Report } from './results.js';
import { notRunReason, unknownSelectors } from './select.js';
import { Session, type RunUser } from './session.js';
import { Tracer, type TraceListener } from './trace.js';

export interface ConformanceOptions {
  /** The endpoint, e.g. `ws://localhost:8000/ws/chats/`. */
  url: string;
  /** Two distinct users with a working token each; the first is "A", the second "B". */
  users: readonly [RunUser, RunUser];
  /** A project both users are members of; without it the project checks are skipped. */
  projectId?: number | null | undefined;
  /**
   * A third user, in neither chat of the run (not a member of the project): the not-member checks
   * write as this user. Without it they are skipped.
   */
  outsider?: RunUser | null | undefined;
  /** How long to wait for each expected frame, and for each handshake (ms, default 2000). */
  timeoutMs?: number | undefined;
  /** How long to keep listening after the expected frames, for frames that must not arrive (ms, default 300). */
  settleMs?: number | undefined;
  /** Extra fields in server frames fail the checks (default: they are warnings). */
  strict?: boolean | undefined;
  /** The protocol version the server speaks: 1 (default) or 2, the later dialect. */
  protocol?: 1 | 2 | undefined;
  /** Run only these checks (names or prefixes: `direct`, `errors.invalid_json`). */
  only?: readonly string[] | undefined;
  /** Leave these checks out (names or prefixes). */
  skip?: readonly string[] | undefined;
  /** Keep every check's frames in the report, not only those of checks that did not pass. */
  trace?: boolean | undefined;
  /** Included in every text the run sends (random by default). */
  runId?: string | undefined;
  /** Called as each check is decided (for progress output). */
  onCheck?: ((result: CheckResult) => void) | undefined;
  /** Called as each step begins and with every frame in and out (for --trace). */
  onTrace?: TraceListener | undefined;
}

export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_SETTLE_MS = 300;

/** Options that cannot describe a run (thrown before anything connects). */
export class ConformanceOptionsError extends Error {
  override readonly name = 'ConformanceOptionsError';
}

export const isConformanceOptionsError = (value: unknown): value is ConformanceOptionsError =>
  value instanceof ConformanceOptionsError;

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

function checkUser(user: RunUser, flag: string): void {
  if (!isId(user.id))
    throw new ConformanceOptionsError(`${flag}: a user id must be a positive integer, got ${JSON.stringify(user.id)}`);
  if (!user.token) throw new ConformanceOptionsError(`${flag}: user ${user.id} has an empty token`);
}

function checkOptions(options: ConformanceOptions): void {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new ConformanceOptionsError(
      `--url ${JSON.stringify(options.url)} is not a URL (e.g. ws://localhost:8000/ws/chats/)`,
    );
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new ConformanceOptionsError(`--url must be a ws:// or wss:// URL, got ${url.protocol}//`);
  }
  if (options.users.length !== 2)
    throw new ConformanceOptionsError(`two users are needed, got ${options.users.length}`);
  for (const user of options.users) checkUser(user, '--user');
  const [a, b] = options.users;
  if (a.id === b.id) throw new ConformanceOptionsError(`the two users must differ, got ${a.id} twice`);
  if (options.outsider) {
    checkUser(options.outsider, '--outsider');
    if (options.outsider.id === a.id || options.outsider.id === b.id)
      throw new ConformanceOptionsError(`--outsider must be a third user, not ${options.outsider.id} (A or B)`);
  }
  if (options.projectId != null && !isId(options.projectId)) {
    throw new ConformanceOptionsError(`--project must be a positive integer, got ${JSON.stringify(options.projectId)}`);
  }
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new ConformanceOptionsError(`--timeout must be a positive number of ms, got ${timeout}`);
  const settle = options.settleMs ?? DEFAULT_SETTLE_MS;
  if (!Number.isFinite(settle) || settle < 0)
    throw new ConformanceOptionsError(`--settle must be a number of ms (0 or more), got ${settle}`);
  for (const [flag, list] of [
    ['--only', options.only],
    ['--skip', options.skip],
  ] as const) {
    const unknown = unknownSelectors(list ?? []);
    if (unknown.length)
      throw new ConformanceOptionsError(
        `${flag} ${unknown.join(', ')}: no check has that name or prefix (see --list-checks)`,
      );
  }
}

/** Tests a server against the contract; resolves with the report (never rejects for a failing server). */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  checkOptions(options);
  const started = Date.now();
  const [a, b] = options.users;
  const projectId = options.projectId ?? null;
  const outsider = options.outsider ?? null;
  const strict = options.strict ?? false;
  const profile = options.protocol === 2 ? PROTOCOL_V2 : PROTOCOL_V1;
  const tracer = new Tracer(options.onTrace);
  const session = new Session(
    {
      url: options.url,
      a,
      b,
      outsider,
      projectId,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      settleMs: options.settleMs ?? DEFAULT_SETTLE_MS,
      runId: options.runId ?? randomBytes(4).toString('hex'),
      profile,
    },
    tracer,
  );
  const selection = {
    only: options.only,
    skip: options.skip,
    has: { project: projectId !== null, outsider: outsider !== null },
  };
  const results = new Results({
    onResult: options.onCheck,
    notRun: (name) => notRunReason(checkInfo(name), selection),
    keepFrames: options.trace,
  });

  // The transports are tried once, by the auth step or by whatever first needs the session.
  let working: Promise<Transport[]> | null = null;
  let transport: Transport | null = null;
  const transports = (): Promise<Transport[]> =>
    (working ??= probeTransports(ctx).then((list) => {
      transport = list[0] ?? null;
      if (transport) session.transport = transport;
      return list;
    }));
  const ctx: Context = new Context(session, results, strict, async (context) => {
    const [first] = await transports();
    return first ? openSession(context) : 'no token transport works (see auth.any-transport)';
  });

  const steps: Step[] = [
    ...authSteps(ctx, transports),
    sessionStep(ctx),
    ...directSteps(ctx),
    ...errorSteps(ctx),
    ...projectSteps(ctx),
    ...presenceSteps(ctx),
  ];
  let leftBehind: LeftBehind[] = [];
  try {
    for (const { checks, body } of steps) await ctx.step(checks, body);
    leftBehind = await cleanUp(ctx);
    for (const { checks, body } of closingSteps(ctx)) await ctx.step(checks, body);
  } finally {
    await session.closeAll();
  }

  const checks = results.all('the run never decided it: a bug in the checker, please report it');
  const summary = summarize(checks);
  return {
    url: options.url,
    protocol: profile.version,
    users: [a.id, b.id],
    outsider: outsider?.id ?? null,
    projectId,
    strict,
    runId: session.options.runId,
    transport,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    checks,
    summary,
    created: session.ledger.all().filter((m) => m.state !== 'refused').length,
    leftBehind,
    ok: summary.requiredFailed === 0 && summary.requiredBlocked === 0,
  };
}
