// What every check works with: the session, the results, and what a check may need prepared — the
// session itself, the outsider's connection, a message the checker created (or created and
// deleted). A check asks for what it needs and gets it, or is blocked with the reason and the
// frames that show it; no check relies on another having run.
import { Blocked, isBlocked } from '../blocked.js';
import { describeFrame } from '../frames.js';
import { Expectations } from '../judge/expect.js';
import { chatName } from '../ledger.js';
import type { ChatRef, ChatType, ProtocolProfile } from '../profile/types.js';
import { Verdict, type Results } from '../results.js';
import type { Exchange, RunUser, Session } from '../session.js';

/** The run's connections: user A twice (to see that every connection of a user gets its frames), user B once, the outsider when needed. */
export const A1 = 'A#1';
export const A2 = 'A#2';
export const B1 = 'B#1';
export const O1 = 'O#1';

export type Who = 'A' | 'B';

/** A piece of the run that decides one or more checks (see Context.step). */
export interface Step {
  readonly checks: readonly string[];
  readonly body: () => Promise<void>;
}

export const step = (checks: readonly string[], body: () => Promise<void>): Step => ({ checks, body });

/** Opens the session (A#1, A#2, B#1), recording session.open and presence.connect; returns why it could not. */
export type SessionOpener = (ctx: Context) => Promise<string | null>;

export class Context {
  readonly expect: Expectations;
  #opening: Promise<string | null> | null = null;
  #counter = 0;

  constructor(
    readonly session: Session,
    readonly results: Results,
    readonly strict: boolean,
    private readonly opener: SessionOpener,
  ) {
    this.expect = new Expectations(session.profile);
  }

  get profile(): ProtocolProfile {
    return this.session.profile;
  }

  /** The direct chat of A and B, or the project's chat. */
  chat(kind: ChatType): ChatRef {
    const { projectId } = this.session.options;
    if (kind === 'direct') return { chatType: 'direct', chatId: this.session.chatId };
    if (projectId === null) throw new Blocked('needs --project');
    return { chatType: 'project', chatId: projectId };
  }

  user(who: Who): RunUser {
    return who === 'A' ? this.session.a : this.session.b;
  }

  /** A text unique to this run and to this message, so its frames can be told from any other traffic. */
  text(what: string): string {
    return `conformance ${this.session.options.runId} #${++this.#counter} ${what}`;
  }

  /**
   * Runs a step that decides `checks` (when any of them is to run). Whatever the step could not
   * decide is blocked when something it needed could not be had, and failed when the step itself
   * broke, with the reason and the frames seen so far.
   */
  async step(checks: readonly string[], body: () => Promise<void>): Promise<void> {
    if (!checks.some((name) => this.results.runs(name))) return;
    const { tracer } = this.session;
    tracer.begin(checks);
    this.session.check = checks[0] ?? '';
    try {
      await body();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      for (const name of checks) {
        if (this.results.status(name) !== undefined) continue;
        if (isBlocked(err)) this.results.block(name, reason, tracer.lines());
        else this.results.record(name, new Verdict().fail(`the check could not run: ${reason}`), 0, tracer.lines());
      }
    }
  }

  /** Records a verdict with the frames the step has seen (on `connection` only, when given). */
  record(name: string, verdict: Verdict, connection?: string): void {
    const { tracer } = this.session;
    const lines = tracer.lines().filter((line) => connection === undefined || line.connection === connection);
    this.results.record(name, verdict, Date.now() - tracer.began, lines);
  }

  /** The session (A#1, A#2, B#1) is open; opened now when it is not yet. */
  async needSession(): Promise<void> {
    this.#opening ??= this.opener(this);
    const why = await this.#opening;
    if (why !== null) throw new Blocked(`the session could not be opened: ${why}`);
  }

  /** Runs `body` with the outsider connected as O#1 (closed again afterwards). */
  async withOutsider<T>(body: () => Promise<T>): Promise<T> {
    const { session } = this;
    const { outsider } = session.options;
    if (!outsider) throw new Blocked('needs --outsider');
    await this.needSession();
    const opened = await session.open(O1, outsider);
    if (typeof opened === 'string') throw new Blocked(`the outsider could not connect: ${opened}`);
    await session.drain(); // its arrival is news to A and B, not part of the check
    try {
      return await body();
    } finally {
      await session.close(O1);
      await session.drain();
    }
  }

  /** The id of a message by `who` in that chat that the checker created and that is not deleted; created now when there is none. */
  async message(kind: ChatType, who: Who): Promise<number> {
    await this.needSession();
    const { session } = this;
    const chat = this.chat(kind);
    const user = this.user(who);
    const alive = session.ledger.alive(chat, user.id);
    if (alive?.id) return alive.id;
    const from = who === 'A' ? A1 : B1;
    const text = this.text(`${kind} message by ${who}`);
    const ex = await session.exchange(
      () => void session.send(from, this.profile.build.newMessage(chat, text, null)),
      [this.expect.newMessage(from, text)],
    );
    const made = session.ledger.alive(chat, user.id);
    if (made?.id && made.text === text) return made.id;
    throw new Blocked(
      `needs a message by ${who} (user ${user.id}) in the ${chatName(chat)}, and the one the checker sent cannot be used: ${this.#whyNoMessage(ex, from, text)}`,
    );
  }

  /** The id of a message in that chat that the checker created and then deleted. */
  async deletedMessage(kind: ChatType): Promise<number> {
    const { session } = this;
    const chat = this.chat(kind);
    const gone = session.ledger.deleted(chat);
    if (gone?.id) return gone.id;
    const id = await this.message(kind, 'A');
    const ex = await session.exchange(
      () => void session.send(A1, this.profile.build.deleteMessage(chat, id)),
      [this.expect.aboutMessage(A1, 'delete_message', id)],
    );
    if (session.ledger.deleted(chat)?.id === id) return id;
    const answer = [...ex.extra, ...ex.unrelated][0];
    const closed = ex.closed.includes(A1) ? session.closeDescription(A1) : null;
    throw new Blocked(
      `needs a message the checker created and deleted, and A's delete_message of its message ${id} was not confirmed: ${
        closed ??
        (answer
          ? `the server answered ${describeFrame(answer, 200)}`
          : `no delete_message within ${session.timeoutMs} ms`)
      }`,
    );
  }

  #whyNoMessage(ex: Exchange, from: string, text: string): string {
    const { session } = this;
    const copy = ex.deliveries[0]?.frame ?? ex.deliveries[0]?.late;
    if (copy) return `no message id could be found in ${describeFrame(copy, 200)}`;
    const answer = ex.extra.find((f) => f.receiver === from);
    if (answer) return `the server answered ${describeFrame(answer, 200)}`;
    if (ex.closed.includes(from)) return session.closeDescription(from);
    const elsewhere = ex.extra.find((f) => f.text.includes(text));
    if (elsewhere) return `it reached ${elsewhere.receiver} but not ${from}, and no message id could be found in it`;
    return `no new_message came back to ${from} within ${session.timeoutMs} ms`;
  }
}
