// The run's state (users, chats, open connections, the messages it created) and the one way a
// check talks to the server: an exchange — act, wait for the frames expected, then listen for a
// quiet moment and sort whatever else arrived.
import { directChatId } from '../protocol/index.js';
import { connect, sleep, type RecordingClient, type Transport } from './client.js';
import { isAboutRun, type Frame, type Scope } from './frames.js';

export interface RunUser {
  readonly id: number;
  readonly token: string;
}

export interface SessionOptions {
  url: string;
  a: RunUser;
  b: RunUser;
  projectId: number | null;
  timeoutMs: number;
  settleMs: number;
  runId: string;
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
  /** The ids of the messages this run created. */
  readonly messageIds = new Set<number>();
  transport: Transport = 'header';
  #live = new Map<string, Live>();

  constructor(options: SessionOptions) {
    this.options = options;
    this.chatId = directChatId(options.a.id, options.b.id);
  }

  get a(): RunUser {
    return this.options.a;
  }

  get b(): RunUser {
    return this.options.b;
  }

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  scope(): Scope {
    const { a, b, projectId, runId } = this.options;
    return { users: new Set([a.id, b.id]), directChatId: this.chatId, projectId, messageIds: this.messageIds, runId };
  }

  labels(): string[] {
    return [...this.#live.keys()];
  }

  client(label: string): RecordingClient {
    const live = this.#live.get(label);
    if (!live) throw new Error(`no connection ${label}`);
    return live.client;
  }

  /** Opens a connection with the session's transport; returns why when it could not. */
  async open(label: string, user: RunUser): Promise<RecordingClient | string> {
    const result = await connect(this.options.url, {
      label,
      transport: this.transport,
      token: user.token,
      timeoutMs: this.timeoutMs,
    });
    if (result.kind === 'open') {
      this.#live.set(label, { client: result.client, user });
      return result.client;
    }
    return result.kind === 'refused'
      ? `${label} (user ${user.id}) was refused with HTTP ${result.status} ${result.statusText}`.trim()
      : `${label} (user ${user.id}) could not connect: ${result.reason}`;
  }

  /** Closes a connection on purpose; it is not reopened. */
  async close(label: string): Promise<void> {
    const live = this.#live.get(label);
    if (!live) return;
    this.#live.delete(label);
    await live.client.close(this.timeoutMs);
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.labels().map((label) => this.close(label)));
  }

  /** Sends one frame (an event, or raw text) from a connection. */
  send(label: string, frame: unknown): void {
    if (!this.client(label).send(frame)) throw new Error(`${label} is not open: nothing was sent`);
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

    // An expected frame is one about this run: other users' traffic of the same type is not it.
    const scope = this.scope();
    const matches = (expect: Expect) => (frame: Frame) => expect.match(frame) && isAboutRun(frame, scope);
    const sentAt = Date.now();
    const deadline = sentAt + this.timeoutMs;
    await act();
    const found = await Promise.all(
      expects.map((expect) =>
        this.#live.has(expect.to)
          ? this.client(expect.to).nextFrame(matches(expect), Math.max(0, deadline - Date.now()))
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
      const index = rest.findIndex((f) => f.receiver === expect.to && matches(expect)(f));
      const late = index >= 0 ? (rest.splice(index, 1)[0] ?? null) : null;
      return { expect, frame: null, late };
    });

    const extra: Frame[] = [];
    const tolerated: Frame[] = [];
    const unrelated: Frame[] = [];
    for (const frame of rest) {
      if (frame.problems.length === 0 && options.tolerate?.(frame)) tolerated.push(frame);
      else if (frame.problems.length > 0 || isAboutRun(frame, scope)) extra.push(frame);
      else unrelated.push(frame);
    }
    const closed = [...openBefore].filter((label) => this.#live.has(label) && !this.client(label).isOpen);
    return { sentAt, deliveries, extra, tolerated, unrelated, closed, reopened };
  }

  /** How a connection that closed during a step closed, for reports. */
  closeDescription(label: string): string {
    const closed = this.#live.get(label)?.client.closed;
    return closed
      ? `${label}'s connection closed (code ${closed.code}${closed.reason ? `, ${closed.reason}` : ''})`
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
    }
    if (reopened.length) {
      // Presence caused by reconnecting is not part of the next step.
      await sleep(this.options.settleMs);
      for (const label of this.labels()) this.client(label).takePending();
    }
    return reopened;
  }
}
