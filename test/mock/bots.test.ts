// The bots with fake timers: deterministic under a seed, and no timer left after stop().
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Bots } from '../../mock-server/bots/bots.js';
import type { Connection } from '../../mock-server/hub/connections.js';
import { buildFixtureWorld } from '../../mock-server/world/fixtures.js';
import { Hub } from '../../mock-server/hub/hub.js';
import { createLogger } from '../../mock-server/traffic/log.js';
import { TrafficLog } from '../../mock-server/traffic/traffic.js';

const NOW = new Date('2026-11-24T10:00:00.000Z');

function setup(seed: number, projectChatter = false) {
  const hub = new Hub({
    world: buildFixtureWorld({ seed: 42, now: NOW }),
    traffic: new TrafficLog(),
    logger: createLogger({ mode: 'silent', nameOf: () => undefined }),
    now: () => new Date(),
  });
  const received: string[] = [];
  const connection: Connection = {
    id: 'c1',
    userId: 12,
    via: 'header',
    openedAt: NOW.toISOString(),
    send: (text) => received.push(String(text)),
    close: () => undefined,
  };
  hub.connected(connection);
  const bots = new Bots({ hub, seed, speed: 1, projectChatter });
  return { hub, bots, received };
}

afterEach(() => {
  vi.useRealTimers();
});

async function conversation(seed: number): Promise<unknown[]> {
  vi.useFakeTimers({ now: NOW });
  const { hub, bots, received } = setup(seed);
  hub.act(
    12,
    { type: 'new_message', content: { chat_type: 'direct', chat_id: '12_15', message: 'Hi!', reply_to: null } },
    'act-as',
  );
  hub.act(
    12,
    { type: 'new_message', content: { chat_type: 'direct', chat_id: '10_12', message: 'Привет!', reply_to: null } },
    'act-as',
  );
  await vi.advanceTimersByTimeAsync(60_000);
  bots.stop();
  vi.useRealTimers();
  return received.map((text) => JSON.parse(text) as unknown);
}

describe('Bots', () => {
  it('answer after human-like delays: read within 0.8-2.5 s, then type, then write', async () => {
    vi.useFakeTimers({ now: NOW });
    const { hub, bots, received } = setup(42);
    hub.act(
      12,
      { type: 'new_message', content: { chat_type: 'direct', chat_id: '12_15', message: 'Hi!', reply_to: null } },
      'act-as',
    );
    expect(received.map((t) => JSON.parse(t).type)).toEqual(['new_message']);
    await vi.advanceTimersByTimeAsync(700);
    expect(received).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1900);
    expect(received.map((t) => JSON.parse(t).type)).toEqual(['new_message', 'message_read']);
    await vi.advanceTimersByTimeAsync(30_000);
    const types = received.map((t) => JSON.parse(t).type);
    expect(types.slice(0, 3)).toEqual(['new_message', 'message_read', 'user_typing']);
    expect(types.at(-1)).toBe('new_message');
    bots.stop();
  });

  it('are deterministic under a seed', async () => {
    const first = await conversation(7);
    const second = await conversation(7);
    expect(first.length).toBeGreaterThanOrEqual(6);
    expect(second).toEqual(first);
  });

  it('ignore messages between people and messages from bots', () => {
    vi.useFakeTimers({ now: NOW });
    const { hub, bots } = setup(42);
    hub.act(
      12,
      { type: 'new_message', content: { chat_type: 'direct', chat_id: '12_23', message: 'hi', reply_to: null } },
      'act-as',
    );
    hub.act(
      15,
      { type: 'new_message', content: { chat_type: 'direct', chat_id: '10_15', message: 'hi', reply_to: null } },
      'act-as',
    );
    expect(vi.getTimerCount()).toBe(0);
    bots.stop();
  });

  it('post in project chats now and then when a member is connected', async () => {
    vi.useFakeTimers({ now: NOW });
    const { bots, received } = setup(42, true);
    await vi.advanceTimersByTimeAsync(200_000);
    const posts = received.map((t) => JSON.parse(t)).filter((f) => f.type === 'new_message');
    expect(posts.length).toBeGreaterThanOrEqual(2);
    for (const post of posts) expect([1, 7]).toContain(post.content.chat_id);
    bots.stop();
  });

  it('leave no timer behind when stopped', async () => {
    vi.useFakeTimers({ now: NOW });
    const { hub, bots } = setup(42, true);
    hub.act(
      12,
      { type: 'new_message', content: { chat_type: 'direct', chat_id: '12_15', message: 'Hi!', reply_to: null } },
      'act-as',
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    bots.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
