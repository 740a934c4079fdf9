// A restart of the mock while its clients reconnect, as the reference frontend does (a fixed delay
// after each close), with exactly-once accounting across it.
//
// What a restart keeps: nothing. The new instance starts from the same fixtures (so the same users
// and tokens), with a new world, new connection ids and an empty traffic log. Messages accepted by
// the first instance are in *its* state (read after it closed), never in the second's.
import { WebSocket } from 'ws';
import type { MockServer } from '../../mock-server/index.js';
import { prng } from './load-harness.js';

type Instance = 'A' | 'B';

interface Session {
  ws: WebSocket;
  instance: Instance;
  received: Map<string, number>;
}

let barrierCount = 0;

export class ReconnectingClient {
  readonly sessions: Session[] = [];
  /** Texts sent, with the instance the socket was connected to. */
  readonly sent = new Map<string, Instance>();
  /** Texts whose echo came back (the server accepted them), with the instance. */
  readonly acked = new Map<string, Instance>();
  attempts = 0;
  private current: Session | null = null;
  private stopped = false;
  private readonly barrierWaiters = new Map<string, () => void>();

  constructor(
    private readonly url: () => string,
    private readonly token: string,
    readonly userId: number,
    private readonly delayMs: number,
    private readonly instance: () => Instance,
  ) {}

  get open(): boolean {
    return this.current?.ws.readyState === WebSocket.OPEN;
  }

  connect(): void {
    if (this.stopped) return;
    this.attempts++;
    const ws = new WebSocket(this.url(), ['Bearer', this.token]);
    const session: Session = { ws, instance: this.instance(), received: new Map() };
    ws.on('open', () => {
      session.instance = this.instance();
      this.sessions.push(session);
      this.current = session;
    });
    ws.on('message', (data) => this.receive(session, data.toString()));
    ws.on('error', () => undefined); // refused or reset: 'close' follows
    ws.on('close', () => {
      if (this.current === session) this.current = null;
      if (!this.stopped) setTimeout(() => this.connect(), this.delayMs).unref();
    });
  }

  private receive(session: Session, text: string): void {
    const frame = JSON.parse(text) as { type: string; content: Record<string, unknown> };
    if (frame.type === 'new_message') {
      const message = frame.content.message as { text: string; author: { id: number } };
      session.received.set(message.text, (session.received.get(message.text) ?? 0) + 1);
      if (message.author.id === this.userId && this.sent.has(message.text))
        this.acked.set(message.text, session.instance);
    } else if (frame.type === 'error') {
      const wake = this.barrierWaiters.get(String(frame.content.event_type));
      wake?.();
    }
  }

  /** Sends if connected; false when not (the frame is not sent at all). */
  send(text: string, content: Record<string, unknown>): boolean {
    const session = this.current;
    if (!session || session.ws.readyState !== WebSocket.OPEN) return false;
    this.sent.set(text, session.instance);
    session.ws.send(JSON.stringify({ type: 'new_message', content: { ...content, message: text, reply_to: null } }));
    return true;
  }

  barrier(timeoutMs = 30_000): Promise<void> {
    const marker = `__restart_barrier_${++barrierCount}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`user ${this.userId}: no barrier answer`)), timeoutMs);
      this.barrierWaiters.set(marker, () => {
        clearTimeout(timer);
        resolve();
      });
      this.current?.ws.send(JSON.stringify({ type: marker, content: {} }));
    });
  }

  stop(): Promise<void> {
    this.stopped = true;
    const ws = this.current?.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      ws.once('close', () => resolve());
      ws.close(1000);
    });
  }
}

export interface RestartResult {
  clients: number;
  reconnectDelayMs: number;
  sent: { A: number; B: number };
  /** Echoed to their sender, per instance. */
  accepted: { A: number; B: number };
  stored: { A: number; B: number };
  /**
   * Sent to A as it closed, without an echo: stored by A anyway (it must not: a frame arriving after
   * the close began is not applied), or never applied.
   */
  inFlight: { storedByA: number; neverApplied: number };
  deliveriesExpected: number;
  deliveriesReceived: number;
  lost: number;
  duplicates: number;
  /** Connection attempts, the first ones included (refused ones while the port was closed count). */
  attempts: number;
  problems: string[];
}

const until = async (condition: () => boolean, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

export interface RestartOptions {
  /** Starts an instance on `port` (0 for the first). */
  start: (port: number) => Promise<MockServer>;
  /** One client per entry. */
  userIds: readonly number[];
  reconnectDelayMs: number;
  /** How long each instance gets traffic, ms; A is closed in the middle of its traffic. */
  trafficMs: number;
  tickMs: number;
  /** How long the port stays closed between the two instances, ms (reconnects are refused meanwhile). */
  downMs?: number;
  seed?: number;
}

/** Start A, connect, send, close A mid-traffic, start B on the same port, reconnect, send, account. */
export async function runRestart(options: RestartOptions): Promise<RestartResult> {
  let instance: Instance = 'A';
  const a = await options.start(0);
  const port = a.port;
  const state = a.state();
  const tokens = new Map(state.users.map((u) => [u.id, u.token]));
  const clients = options.userIds.map(
    (userId) =>
      new ReconnectingClient(
        () => `ws://127.0.0.1:${port}/ws/chats/`,
        tokens.get(userId) ?? '',
        userId,
        options.reconnectDelayMs,
        () => instance,
      ),
  );
  const users = [...new Set(options.userIds)];
  const projects = state.projects.map((p) => ({
    id: p.id,
    members: [...new Set([p.leader_id, ...p.collaborator_ids])],
  }));
  const chatsOf = new Map<string, number[]>(); // text -> member user ids
  const rands = clients.map((_, i) => prng((options.seed ?? 7) * 7919 + i));
  let sending = false;
  let seq = 0;
  const sendRound = (): void => {
    clients.forEach((client, i) => {
      const rand = rands[i] as () => number;
      const mine = projects.filter((p) => p.members.includes(client.userId));
      const partner = users.filter((u) => u !== client.userId)[Math.floor(rand() * (users.length - 1))];
      const text = `R:${i}:${++seq}`;
      let content: Record<string, unknown>;
      let members: number[];
      const project = mine[Math.floor(rand() * mine.length)];
      if ((rand() < 0.5 || partner === undefined) && project) {
        content = { chat_type: 'project', chat_id: project.id };
        members = project.members;
      } else if (partner !== undefined) {
        const [low, high] = client.userId < partner ? [client.userId, partner] : [partner, client.userId];
        content = { chat_type: 'direct', chat_id: `${low}_${high}` };
        members = [low, high];
      } else return;
      if (client.send(text, content)) chatsOf.set(text, members);
    });
  };
  const tick = setInterval(() => sending && sendRound(), options.tickMs);
  tick.unref();

  let b: MockServer | undefined;
  try {
    for (const client of clients) client.connect();
    await until(() => clients.every((c) => c.open) && a.stats().connections === clients.length, 30_000, 'connect to A');
    sending = true;
    await new Promise((resolve) => setTimeout(resolve, options.trafficMs / 2));
    sendRound(); // frames in flight, racing the 1001 closes
    await a.close();
    sending = false;
    const stateA = a.state();
    instance = 'B';
    await new Promise((resolve) => setTimeout(resolve, options.downMs ?? 0));
    b = await options.start(port);
    await until(
      () => clients.every((c) => c.open) && b?.stats().connections === clients.length,
      30_000,
      'reconnect to B',
    );
    sending = true;
    await new Promise((resolve) => setTimeout(resolve, options.trafficMs));
    sending = false;
    await Promise.all(clients.map((c) => c.barrier()));
    await Promise.all(clients.map((c) => c.barrier()));
    const stateB = b.state();
    return account(clients, chatsOf, { A: stateA, B: stateB }, options.reconnectDelayMs);
  } finally {
    clearInterval(tick);
    await Promise.all(clients.map((c) => c.stop()));
    await b?.close();
    await a.close();
  }
}

function account(
  clients: readonly ReconnectingClient[],
  chatsOf: Map<string, number[]>,
  states: Record<Instance, { messages: { text: string }[] }>,
  reconnectDelayMs: number,
): RestartResult {
  const problems: string[] = [];
  const note = (text: string) => void (problems.length < 10 && problems.push(text));
  const stored: Record<Instance, Map<string, number>> = { A: new Map(), B: new Map() };
  for (const x of ['A', 'B'] as const)
    for (const m of states[x].messages)
      if (chatsOf.has(m.text)) stored[x].set(m.text, (stored[x].get(m.text) ?? 0) + 1);
  let lost = 0;
  let duplicates = 0;
  let deliveriesExpected = 0;
  let deliveriesReceived = 0;
  const sent = { A: 0, B: 0 };
  const accepted = { A: 0, B: 0 };
  const inFlight = { storedByA: 0, neverApplied: 0 };
  for (const x of ['A', 'B'] as const)
    for (const [text, n] of stored[x]) if (n > 1) (duplicates++, note(`${text} stored ${n} times by ${x}`));
  for (const text of stored.A.keys()) if (stored.B.has(text)) (duplicates++, note(`${text} stored by A and B`));
  for (const client of clients) {
    for (const [text, x] of client.sent) {
      sent[x]++;
      const ack = client.acked.get(text);
      if (ack) {
        accepted[ack]++;
        if (!stored[ack].has(text)) (lost++, note(`${text} echoed by ${ack} but not in its state`));
      } else if (x === 'B') (lost++, note(`${text} sent to B, never echoed`));
      else if (stored.A.has(text)) (inFlight.storedByA++, note(`${text} stored by A without an echo`));
      else inFlight.neverApplied++;
    }
  }
  // Deliveries, per session of the instance that stored the message.
  const sessions = clients.flatMap((c) => c.sessions.map((s) => ({ userId: c.userId, ...s })));
  for (const x of ['A', 'B'] as const) {
    const mine = sessions.filter((s) => s.instance === x);
    for (const text of stored[x].keys()) {
      const members = chatsOf.get(text) ?? [];
      const counts = mine.filter((s) => members.includes(s.userId)).map((s) => s.received.get(text) ?? 0);
      for (const n of counts) {
        deliveriesExpected++;
        if (n === 1) deliveriesReceived++;
        else if (n === 0) (lost++, note(`${text}: a member's ${x} session did not get it`));
        else (duplicates++, note(`${text}: a member's ${x} session got it ${n} times`));
      }
      for (const s of mine)
        if (!members.includes(s.userId) && s.received.has(text)) (duplicates++, note(`${text} reached a non-member`));
    }
  }
  return {
    clients: clients.length,
    reconnectDelayMs,
    sent,
    accepted,
    stored: { A: stored.A.size, B: stored.B.size },
    inFlight,
    deliveriesExpected,
    deliveriesReceived,
    lost,
    duplicates,
    attempts: clients.reduce((n, c) => n + c.attempts, 0),
    problems,
  };
}
