// The run's state (users, chats, open connections, the messages it created) and the one way a
// check talks to the server: an exchange — act, wait for the frames expected, then listen for a
// quiet moment and sort whatever else arrived. Every frame in and out goes to the trace, and every
// frame in to the ledger of created messages.
import { directChatId } from '../protocol/index.js';
import { Blocked } from './blocked.js';
import { connect, sleep, type RecordingClient, type Transport } from './client.js';
import { isAboutRun, type Frame, type Scope } from './frames.js';
import { describeRefusal, HandshakeDoctor } from './handshake.js';
import { Ledger, type CreatedMessage } from './ledger.js';
import type { ProtocolProfile } from './profile/types.js';
import type { Tracer } from './trace.js';

export interface RunUser {
  readonly id: number;
  readonly token: string;
}

export interface SessionOptions {
  url: string;
  a: RunUser;
  b: RunUser;
  /** A user who is in neither chat of the run (not B's direct partner, not a member of the project). */
  outsider: RunUser | null;
  projectId: number | null;
  timeoutMs: number;
  settleMs: number;
  runId: string;
  profile: ProtocolProfile;
}

/** A frame some connection must receive because of the step's action. */
export interface Expect {
  /** The connection's label, e.g. `B#1`. */
  readonly to: string;
  /** What is expected, for reports: `new_message`. */
  readonly what: string;
  readonly match: (frame: Frame) => boolean;
}

export interface Delivery {
  readonly expect: Expect;
  /** The frame, when it arrived within the timeout. */
  readonly frame: Frame | null;
  /** The frame, when it arrived after the timeout but within as long again. */
  readonly late: Frame | null;
}

export interface Exchange {
  readonly sentAt: number;
  readonly deliveries: readonly Delivery[];
  /** Frames about this run that nobody expected (and frames that break the schemas). */
  readonly extra: readonly Frame[];
  /** Frames the step allows but does not require. */
  readonly tolerated: readonly Frame[];
  /** Frames about other users or chats. */
  readonly unrelated: readonly Frame[];
  /** Connections that closed during the step. */
  readonly closed: readonly string[];
  /** Connections that had closed before the step and were opened again for it. */
  readonly reopened: readonly string[];
}

export interface ExchangeOptions {
  /** Frames the step allows without requiring them (e.g. presence while connecting). */
  tolerate?: (frame: Frame) => boolean;
}

interface Live {
  readonly client: RecordingClient;
  readonly user: RunUser;
}

export class Session {
  readonly options: SessionOptions;
  readonly chatId: string;
  readonly ledger: Ledger;
  readonly tracer: Tracer;
  readonly doctor: HandshakeDoctor;
  transport: Transport = 'header';
  /** The check the run is deciding (messages sent are attributed to it). */
  check = '';
  #live = new Map<string, Live>();
  /** Connections the checker is closing itself (so their close is not the server's doing). */
  #closing = new Set<RecordingClient>();
  /** Connections the server closed that could not be opened again, and why. */
  #lost = new Map<string, string>();

  constructor(options: SessionOptions, tracer: Tracer) {
    this.options = options;
    this.tracer = tracer;
    this.chatId = directChatId(options.a.id, options.b.id);
    this.ledger = new Ledger(options.profile);
    this.doctor = new HandshakeDoctor(options);
  }

  get a(): RunUser {
    return this.options.a;
  }

  get b(): RunUser {
    return this.options.b;
  }

  get profile(): ProtocolProfile {
    return this.options.profile;
  }

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  scope(): Scope {
    const { a, b, projectId, runId } = this.options;
    return {
      users: new Set([a.id, b.id]),
      directChatId: this.chatId,
      projectId,
      messageIds: this.ledger.ids(),
      runId,
    };
  }

  labels(): string[] {
    return [...this.#live.keys()];
  }

  has(label: string): boolean {
    return this.#live.has(label);
  }

  client(label: string): RecordingClient {
    const live = this.#live.get(label);
    if (!live) throw new Blocked(this.#lost.get(label) ?? `${label} is not connected`);
    return live.client;
  }

  userOf(label: string): RunUser | undefined {
    return this.#live.get(label)?.user;
  }

  /** Opens a connection with the session's transport; returns why when it could not. */
  async open(label: string, user: RunUser): Promise<RecordingClient | string> {
    const { url, profile } = this.options;
    const result = await connect(url, {
      label,
      transport: this.transport,
      token: user.token,
      timeoutMs: this.timeoutMs,
      profile,
      onFrame: (frame) => {
        this.tracer.add(label, 'in', frame.text, frame.at);
        this.ledger.observe(frame);
      },
    });
    if (result.kind === 'open') {
      const { client } = result;
      this.#lost.delete(label);
      this.tracer.add(label, 'event', `connected as user ${user.id} (${this.transport} transport)`);
      void client.whenClosed().then(({ code, reason }) => {
        const by = this.#closing.has(client) ? 'closed by the checker' : 'closed by the server';
        this.tracer.add(label, 'event', `${by} (code ${code}${reason ? `, ${reason}` : ''})`);
      });
      this.#live.set(label, { client, user });
      return client;
    }
    const why =
      result.kind === 'refused'
        ? `${label} (user ${user.id}) was refused with ${describeRefusal(result)}${(await this.doctor.explain(user, result)).map((line) => ` — ${line}`).join('')}`
        : `${label} (user ${user.id}) could not connect: ${result.reason}`;
    this.tracer.add(label, 'event', why);
    return why;
  }

  /** Closes a connection on purpose; it is not reopened. */
  async close(label: string): Promise<void> {
    const live = this.#live.get(label);
    if (!live) return;
    this.#live.delete(label);
    this.#closing.add(live.client);
    await live.client.close(this.timeoutMs);
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.labels().map((label) => this.close(label)));
  }

  /** Waits the quiet period and drops what arrived meanwhile (it stays in the trace). */
  async drain(): Promise<void> {
    await sleep(this.options.settleMs);
    for (const label of this.labels()) this.client(label).takePending();
  }

  /** Sends one frame (an event, or raw text) from a connection. */
  send(label: string, frame: unknown): CreatedMessage | null {
    const live = this.#live.get(label);
    if (!live) throw new Blocked(this.#lost.get(label) ?? `${label} is not connected`);
    if (!live.client.send(frame)) throw new Blocked(`${label} is not open: nothing was sent`);
    this.tracer.add(label, 'out', typeof frame === 'string' ? frame : JSON.stringify(frame));
    return this.ledger.sent(label, live.user.id, frame, this.check);
  }

  /**
   * Runs `act`, waits up to the timeout for each expected frame, then listens for the quiet
   * period and sorts everything else that arrived on any connection.
   */
  async exchange(
    act: () => void | Promise<void>,
    expects: readonly Expect[],
    options: ExchangeOptions = {},
  ): Promise<Exchange> {
    const reopened = await this.#reopenClosed();
    const openBefore = new Set(this.labels().filter((label) => this.client(label).isOpen));
    const leftovers = this.labels().flatMap((label) => this.client(label).takePending());
    const sentBefore = this.ledger.all().length;

    const sentAt = Date.now();
    const deadline = sentAt + this.timeoutMs;
    await act();
    const found = await Promise.all(
      expects.map((expect) =>
        this.#live.has(expect.to)
          ? this.client(expect.to).nextFrame(expect.match, Math.max(0, deadline - Date.now()))
          : Promise.resolve(null),
      ),
    );
    // When something expected is missing, listen as long again: "late" says more than "never",
    // and a late frame must not be blamed on the next step.
    const missing = found.some((frame) => !frame);
    await sleep(this.options.settleMs + (missing ? this.timeoutMs : 0));

    const rest = [...leftovers, ...this.labels().flatMap((label) => this.client(label).takePending())];
    const deliveries: Delivery[] = expects.map((expect, i) => {
      const frame = found[i] ?? null;
      if (frame) return { expect, frame, late: null };
      const index = rest.findIndex((f) => f.receiver === expect.to && expect.match(f));
      const late = index >= 0 ? (rest.splice(index, 1)[0] ?? null) : null;
      return { expect, frame: null, late };
    });

    const scope = this.scope();
    const extra: Frame[] = [];
    const tolerated: Frame[] = [];
    const unrelated: Frame[] = [];
    for (const frame of rest) {
      if (frame.problems.length === 0 && options.tolerate?.(frame)) tolerated.push(frame);
      else if (frame.problems.length > 0 || isAboutRun(frame, scope, this.profile)) extra.push(frame);
      else unrelated.push(frame);
    }
    const closed = [...openBefore].filter((label) => this.#live.has(label) && !this.client(label).isOpen);
    const received = [...found.flatMap((f) => (f ? [f] : [])), ...rest, ...deliveries.flatMap((d) => d.late ?? [])];
    for (const entry of this.ledger.all().slice(sentBefore)) {
      const answered =
        closed.includes(entry.sender) ||
        received.some((f) => f.receiver === entry.sender && this.profile.errorForm(f.data) !== null);
      this.ledger.settle([entry], answered);
    }
    return { sentAt, deliveries, extra, tolerated, unrelated, closed, reopened };
  }

  /** How a connection that closed during a step closed, for reports. */
  closeDescription(label: string): string {
    const closed = this.#live.get(label)?.client.closed;
    return closed
      ? `${label}'s connection was closed by the server (code ${closed.code}${closed.reason ? `, ${closed.reason}` : ''})`
      : `${label} is open`;
  }

  /** A connection the server closed is opened again, so that one defect does not fail every later check. */
  async #reopenClosed(): Promise<string[]> {
    const reopened: string[] = [];
    for (const [label, live] of [...this.#live]) {
      if (live.client.isOpen) continue;
      this.#live.delete(label);
      const result = await this.open(label, live.user);
      if (typeof result !== 'string') reopened.push(label);
      else this.#lost.set(label, `the server closed ${label} and it could not be opened again: ${result}`);
    }
    // Presence caused by reconnecting is not part of the next step.
    if (reopened.length) await this.drain();
    return reopened;
  }
}
