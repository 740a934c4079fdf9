// Mixed traffic from many sockets at once, with exactly-once accounting: every message sent is in
// the state once, and reached each open connection of each of its chat's members once (and no one
// else); typing and read events are counted per connection against what the world says; each
// invalid frame got exactly one error, on its own connection.
import { WebSocket } from 'ws';
import type { MockServer } from '../../mock-server/index.js';
import { validateServerEvent } from '../../protocol/index.js';
import { tokenOf, wsUrlOf } from '../mock/helpers.js';

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let barriers = 0;

/** What identifies a message text: up to its first space (the rest is padding). */
export const keyOf = (text: string): string => {
  const space = text.indexOf(' ');
  return space < 0 ? text : text.slice(0, space);
};

/** A socket that counts what it receives instead of keeping it (thousands of them stay cheap). */
export class CountingClient {
  /** new_message texts received (their keys), with how many times. */
  readonly messages = new Map<string, number>();
  typing = 0;
  reads = 0;
  presence = 0;
  readonly errors: string[] = [];
  readonly invalid: unknown[] = [];
  private readonly waiting = new Map<string, () => void>();
  readonly closed: Promise<number>;

  constructor(
    readonly ws: WebSocket,
    readonly userId: number,
    private readonly validate: boolean,
  ) {
    ws.on('message', (data) => this.receive(data.toString()));
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
  }

  private receive(text: string): void {
    const frame = JSON.parse(text) as { type: string; content: Record<string, unknown> };
    if (this.validate && !validateServerEvent(frame).ok) this.invalid.push(frame);
    switch (frame.type) {
      case 'new_message': {
        const key = keyOf((frame.content.message as { text: string }).text);
        this.messages.set(key, (this.messages.get(key) ?? 0) + 1);
        return;
      }
      case 'user_typing':
        this.typing++;
        return;
      case 'message_read':
        this.reads++;
        return;
      case 'error': {
        const eventType = String(frame.content.event_type);
        const wake = this.waiting.get(eventType);
        if (wake) {
          this.waiting.delete(eventType);
          wake();
        } else this.errors.push(`${String(frame.content.code)} ${eventType}`);
        return;
      }
      default:
        this.presence++;
    }
  }

  send(frame: unknown): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  /** Resolves once the server answered a frame sent now: everything it sent before is here. */
  barrier(timeoutMs = 60_000): Promise<void> {
    const marker = `__barrier_${++barriers}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`user ${this.userId}: no barrier answer in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiting.set(marker, () => {
        clearTimeout(timer);
        resolve();
      });
      this.send({ type: marker, content: {} });
    });
  }

  async close(): Promise<void> {
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.close(1000);
    await this.closed;
  }
}

export async function openCounting(
  server: MockServer,
  userId: number,
  validate = true,
  url = wsUrlOf(server),
): Promise<CountingClient> {
  const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${tokenOf(server, userId)}` } });
  const client = new CountingClient(ws, userId, validate);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return client;
}

/** Opens `userIds.length` sockets, `concurrency` handshakes at a time. */
export async function openMany(
  server: MockServer,
  userIds: readonly number[],
  options: { concurrency?: number; validate?: boolean } = {},
): Promise<CountingClient[]> {
  const out: CountingClient[] = new Array(userIds.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < userIds.length) {
      const i = next++;
      out[i] = await openCounting(server, userIds[i] as number, options.validate ?? true);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 32 }, worker));
  return out;
}

interface ChatTarget {
  type: 'direct' | 'project';
  id: string | number;
  members: readonly number[];
}

export interface LoadResult {
  connections: number;
  framesSent: number;
  messagesSent: number;
  messagesInState: number;
  /** new_message deliveries the world calls for (member connections), and those that arrived once. */
  deliveriesExpected: number;
  deliveriesReceived: number;
  /** Messages missing from the state, plus expected deliveries that never arrived. */
  lost: number;
  /** Messages stored twice, deliveries that arrived twice, or reached someone outside the chat. */
  duplicates: number;
  typing: { expected: number; received: number };
  reads: { expected: number; received: number };
  errors: { expected: number; received: number };
  /** Server frames that broke the server schemas, seen by the clients. */
  invalidFrames: number;
  /** The first few mismatches, to read when something is off. */
  problems: string[];
}

export interface LoadOptions {
  /** Frames each connection sends. */
  frames: number;
  seed?: number;
  /** Runs alongside the traffic (faults, vanishing clients…). */
  during?: () => Promise<unknown>;
  /** Text length of each message. Default: short. */
  messageLength?: number;
  /** Pause between rounds (one frame per connection per round), ms. Default 0 (setImmediate). */
  roundPauseMs?: number;
}

/**
 * Every client sends `frames` frames (round by round, all clients each round): project and direct
 * messages, typing, reads, a few invalid frames. Then barriers, twice (every frame processed;
 * every delivery arrived), and the accounting. `clients` stay open.
 */
export async function runMixedTraffic(
  server: MockServer,
  clients: readonly CountingClient[],
  options: LoadOptions,
): Promise<LoadResult> {
  const state = server.state();
  const firstNewId = Math.max(0, ...state.messages.map((m) => m.id)) + 1;
  const connected = [...new Set(clients.map((c) => c.userId))];
  const projectsOf = new Map<number, ChatTarget[]>();
  const readable = new Map<number, number>();
  for (const p of state.projects) {
    const members = [...new Set([p.leader_id, ...p.collaborator_ids])];
    for (const m of members) projectsOf.set(m, [...(projectsOf.get(m) ?? []), { type: 'project', id: p.id, members }]);
    const seeded = state.messages.find((m) => m.chat_type === 'project' && m.chat_id === p.id && !m.is_deleted);
    if (seeded) readable.set(p.id, seeded.id);
  }
  const pad = options.messageLength ? ` ${'m'.repeat(options.messageLength)}` : '';
  const sentTexts = new Map<string, ChatTarget>();
  const typingSent: { chat: ChatTarget; sender: number }[] = [];
  const readsSent: ChatTarget[] = [];
  const invalidSent = new Map<CountingClient, number>();
  let framesSent = 0;

  const plan = (client: CountingClient, index: number, round: number, rand: () => number): unknown => {
    const userId = client.userId;
    const projects = projectsOf.get(userId) ?? [];
    const partners = connected.filter((id) => id !== userId);
    const project = projects[Math.floor(rand() * projects.length)];
    const partner = partners[Math.floor(rand() * partners.length)];
    const direct: ChatTarget | undefined =
      partner === undefined
        ? undefined
        : {
            type: 'direct',
            id: userId < partner ? `${userId}_${partner}` : `${partner}_${userId}`,
            members: [userId, partner],
          };
    const r = rand();
    const chat = r < 0.35 ? (project ?? direct) : r < 0.6 ? (direct ?? project) : (project ?? direct);
    if (!chat) return { type: 'set_online', content: {} };
    const address = { chat_type: chat.type, chat_id: chat.id };
    if (r < 0.6) {
      const key = `L:${index}:${round}`;
      sentTexts.set(key, chat);
      return { type: 'new_message', content: { ...address, message: `${key}${pad}`, reply_to: null } };
    }
    if (r < 0.8) {
      typingSent.push({ chat, sender: userId });
      return { type: 'user_typing', content: address };
    }
    const readId = chat.type === 'project' ? readable.get(Number(chat.id)) : undefined;
    if (r < 0.92 && readId !== undefined) {
      readsSent.push(chat);
      return { type: 'message_read', content: { ...address, message_id: readId } };
    }
    invalidSent.set(client, (invalidSent.get(client) ?? 0) + 1);
    return { type: 'user_typing', content: { chat_type: 'direct', chat_id: '23_12' } };
  };

  const rands = clients.map((_, i) => prng((options.seed ?? 1) * 100_003 + i));
  const traffic = (async () => {
    for (let round = 0; round < options.frames; round++) {
      clients.forEach((client, i) => {
        client.send(plan(client, i, round, rands[i] as () => number));
        framesSent++;
      });
      await new Promise((resolve) =>
        options.roundPauseMs ? setTimeout(resolve, options.roundPauseMs) : setImmediate(resolve),
      );
    }
  })();
  await Promise.all([traffic, options.during?.()]);
  // Every client's frames processed; then every delivery made before arrived.
  await Promise.all(clients.map((c) => c.barrier()));
  await Promise.all(clients.map((c) => c.barrier()));

  const problems: string[] = [];
  const note = (text: string) => void (problems.length < 10 && problems.push(text));
  const stored = new Map<string, number>();
  for (const m of server.state().messages) {
    const key = keyOf(m.text);
    if (m.id >= firstNewId && sentTexts.has(key)) stored.set(key, (stored.get(key) ?? 0) + 1);
  }
  let lost = 0;
  let duplicates = 0;
  for (const text of sentTexts.keys()) {
    const n = stored.get(text) ?? 0;
    if (n === 0) (lost++, note(`not in the state: ${text.slice(0, 30)}`));
    if (n > 1) (duplicates++, note(`stored ${n} times: ${text.slice(0, 30)}`));
  }
  let deliveriesExpected = 0;
  let deliveriesReceived = 0;
  const typing = { expected: 0, received: 0 };
  const reads = { expected: 0, received: 0 };
  const errors = { expected: 0, received: 0 };
  for (const client of clients) {
    const u = client.userId;
    for (const [text, chat] of sentTexts) {
      const got = client.messages.get(text) ?? 0;
      if (chat.members.includes(u)) {
        deliveriesExpected++;
        if (got === 1) deliveriesReceived++;
        else if (got === 0) (lost++, note(`user ${u} did not get ${text.slice(0, 30)}`));
        else (duplicates++, note(`user ${u} got ${text.slice(0, 30)} ${got} times`));
      } else if (got > 0) (duplicates++, note(`user ${u}, not in the chat, got ${text.slice(0, 30)}`));
    }
    for (const [text] of client.messages)
      if (!sentTexts.has(text)) (duplicates++, note(`user ${u} got unsent ${text}`));
    const typingExpected = typingSent.filter(({ chat, sender }) =>
      chat.type === 'project' ? chat.members.includes(u) : chat.members.includes(u) && u !== sender,
    ).length;
    const readsExpected = readsSent.filter((chat) => chat.members.includes(u)).length;
    const errorsExpected = invalidSent.get(client) ?? 0;
    typing.expected += typingExpected;
    typing.received += client.typing;
    reads.expected += readsExpected;
    reads.received += client.reads;
    errors.expected += errorsExpected;
    errors.received += client.errors.length;
    if (client.typing !== typingExpected) note(`user ${u}: ${client.typing} typing, expected ${typingExpected}`);
    if (client.reads !== readsExpected) note(`user ${u}: ${client.reads} reads, expected ${readsExpected}`);
    if (client.errors.length !== errorsExpected || client.errors.some((e) => e !== 'invalid_event user_typing'))
      note(`user ${u}: errors ${client.errors.slice(0, 3).join(', ')}…, expected ${errorsExpected} invalid_event`);
  }
  return {
    connections: clients.length,
    framesSent,
    messagesSent: sentTexts.size,
    messagesInState: stored.size,
    deliveriesExpected,
    deliveriesReceived,
    lost,
    duplicates,
    typing,
    reads,
    errors,
    invalidFrames: clients.reduce((n, c) => n + c.invalid.length, 0),
    problems,
  };
}
