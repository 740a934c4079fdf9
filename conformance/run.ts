// runConformance: drives the whole scripted conversation against a server and returns the report.
import { randomBytes } from 'node:crypto';
import { authChecks } from './checks/auth.js';
import { A1, A2, B1, Context } from './checks/context.js';
import { directChecks, type DirectMessages } from './checks/direct.js';
import { expectAt } from './judge.js';
import { errorChecks } from './checks/errors.js';
import { projectChecks } from './checks/project.js';
import { openSession, presenceEndChecks } from './checks/presence.js';
import { Results, summarize, type CheckResult, type Report } from './results.js';
import { Session, type RunUser } from './session.js';

export interface ConformanceOptions {
  /** The endpoint, e.g. `ws://localhost:8000/ws/chats/`. */
  url: string;
  /** Two distinct users with a working token each; the first is "A", the second "B". */
  users: readonly [RunUser, RunUser];
  /** A project both users are members of; without it the project checks are skipped. */
  projectId?: number | null | undefined;
  /** How long to wait for each expected frame, and for each handshake (ms, default 2000). */
  timeoutMs?: number | undefined;
  /** How long to keep listening after the expected frames, for frames that must not arrive (ms, default 300). */
  settleMs?: number | undefined;
  /** Included in every text the run sends (random by default). */
  runId?: string | undefined;
  /** Called as each check is decided (for progress output). */
  onCheck?: ((result: CheckResult) => void) | undefined;
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
  for (const user of options.users) {
    if (!isId(user.id))
      throw new ConformanceOptionsError(`a user id must be a positive integer, got ${JSON.stringify(user.id)}`);
    if (!user.token) throw new ConformanceOptionsError(`user ${user.id} has an empty token`);
  }
  if (options.users[0].id === options.users[1].id)
    throw new ConformanceOptionsError(`the two users must differ, got ${options.users[0].id} twice`);
  if (options.projectId != null && !isId(options.projectId)) {
    throw new ConformanceOptionsError(`--project must be a positive integer, got ${JSON.stringify(options.projectId)}`);
  }
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new ConformanceOptionsError(`--timeout must be a positive number of ms, got ${timeout}`);
  const settle = options.settleMs ?? DEFAULT_SETTLE_MS;
  if (!Number.isFinite(settle) || settle < 0)
    throw new ConformanceOptionsError(`--settle must be a number of ms (0 or more), got ${settle}`);
}

/** Deletes B's reply, the one message a conforming server keeps after the run. Not a check. */
async function cleanUp(ctx: Context, direct: DirectMessages): Promise<void> {
  const { session } = ctx;
  if (!direct.fromB) return;
  const frame = {
    type: 'delete_message',
    content: { chat_type: 'direct', chat_id: session.chatId, message_id: direct.fromB },
  };
  try {
    await session.exchange(
      () => session.send(B1, frame),
      [A1, A2, B1].map((to) => expectAt(to, 'delete_message')),
    );
  } catch {
    // Best effort: the checks are over.
  }
}

/** Tests a server against the contract; resolves with the report (never rejects for a failing server). */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  checkOptions(options);
  const started = Date.now();
  const [a, b] = options.users;
  const projectId = options.projectId ?? null;
  const session = new Session({
    url: options.url,
    a,
    b,
    projectId,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    settleMs: options.settleMs ?? DEFAULT_SETTLE_MS,
    runId: options.runId ?? randomBytes(4).toString('hex'),
  });
  const results = new Results(options.onCheck);
  const ctx = new Context(session, results);
  let stopped = 'not run';
  let transport: Report['transport'] = null;

  if (projectId === null) {
    results.skipRemaining(['project.'], 'no --project given: these checks need a project both users are members of');
  }
  try {
    transport = await authChecks(ctx);
    if (!transport) stopped = 'no token transport works (see auth.any-transport)';
    else {
      session.transport = transport;
      if (!(await openSession(ctx))) stopped = 'the session could not be opened (see session.open)';
      else {
        const direct = await directChecks(ctx);
        await errorChecks(ctx);
        if (projectId !== null) await projectChecks(ctx, projectId, direct);
        await cleanUp(ctx, direct);
        await presenceEndChecks(ctx);
      }
    }
  } finally {
    await session.closeAll();
  }

  const checks = results.all(stopped);
  const summary = summarize(checks);
  return {
    url: options.url,
    users: [a.id, b.id],
    projectId,
    runId: session.options.runId,
    transport,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    checks,
    summary,
    ok: summary.requiredFailed === 0,
  };
}
