// The seeded fixture world, and worlds loaded from JSON.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateServerEvent } from '../../protocol/index.js';
import { createWorld, toWireMessage } from '../../mock-server/domain/index.js';
import { buildFixtureWorld, currentHour } from '../../mock-server/world/fixtures.js';
import { startMockServer } from '../../mock-server/index.js';
import { loadFixturesFile, parseFixtures } from '../../mock-server/world/fixtures-file.js';
import { decodeJwt } from '../../mock-server/gateway/jwt.js';

const NOW = new Date('2026-11-24T10:00:00.000Z');
const world = buildFixtureWorld({ seed: 42, now: NOW });

describe('buildFixtureWorld', () => {
  it('is the same world for the same seed, another for another seed', () => {
    expect(buildFixtureWorld({ seed: 42, now: NOW })).toEqual(world);
    const other = buildFixtureWorld({ seed: 43, now: NOW });
    expect(other.users.map((u) => u.id)).toEqual(world.users.map((u) => u.id));
    expect(other.messages.map((m) => m.text)).not.toEqual(world.messages.map((m) => m.text));
  });

  it('places the history before the start of the current hour by default, so two starts agree', () => {
    const hour = currentHour();
    const a = buildFixtureWorld({ seed: 42 });
    expect(a).toEqual(buildFixtureWorld({ seed: 42, now: hour }));
    const newest = Math.max(...a.messages.map((m) => Date.parse(m.created_at)));
    expect(newest).toBeLessThan(hour.getTime());
    expect(hour.getTime() - newest).toBeLessThan(60 * 60_000);
  });

  it('serves the same world from two mocks started with the same seed', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => startMockServer({ port: 0, seed: 7, bots: false })));
    try {
      const pick = (s: Record<string, unknown>) => ({
        users: s.users,
        projects: s.projects,
        messages: s.messages,
        chats: s.chats,
      });
      const [stateA, stateB] = await Promise.all(
        [a, b].map(
          async (server) => (await (await fetch(`${server!.url}/__mock/state`)).json()) as Record<string, unknown>,
        ),
      );
      expect(pick(stateA!)).toEqual(pick(stateB!));
      expect((stateA!.messages as unknown[]).length).toBe(54);
    } finally {
      await Promise.all([a, b].map((server) => server?.close()));
    }
  });

  it('has the fixed ids: users, three bots, projects 1, 7 and 42', () => {
    expect(world.users.map((u) => u.id)).toEqual([3, 5, 8, 9, 10, 12, 15, 23, 27, 31]);
    expect(world.users.filter((u) => u.bot).map((u) => u.id)).toEqual([5, 10, 15]);
    expect(world.projects.map((p) => p.id)).toEqual([1, 7, 42]);
    const seven = world.projects.find((p) => p.id === 7);
    expect([seven?.leader_id, ...(seven?.collaborator_ids ?? [])]).toEqual(expect.arrayContaining([12, 23]));
  });

  it('mixes Russian and English names; users 12 and 23 are those of the spec examples', () => {
    const cyrillic = world.users.filter((u) => /[А-Яа-яЁё]/.test(u.first_name));
    expect(cyrillic.length).toBeGreaterThanOrEqual(3);
    expect(world.users.length - cyrillic.length).toBeGreaterThanOrEqual(3);
    expect(world.users.find((u) => u.id === 12)).toMatchObject({
      first_name: 'Анна',
      last_name: 'Смирнова',
      avatar: null,
    });
    expect(world.users.find((u) => u.id === 23)).toMatchObject({ first_name: 'James', last_name: 'Carter' });
  });

  it('makes message 54 the newest, by user 23 in "12_23", with ids increasing over time', () => {
    expect(world.messages.map((m) => m.id)).toEqual(Array.from({ length: 54 }, (_, i) => i + 1));
    expect(world.messages.at(-1)).toMatchObject({
      id: 54,
      chat_type: 'direct',
      chat_id: '12_23',
      author_id: 23,
      is_deleted: false,
    });
    const times = world.messages.map((m) => Date.parse(m.created_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThan(NOW.getTime());
  });

  it('has direct and project chats with history, replies, read and deleted messages', () => {
    const chats = new Set(world.messages.map((m) => `${m.chat_type}:${m.chat_id}`));
    expect(chats).toEqual(
      new Set([
        'direct:12_23',
        'direct:9_10',
        'direct:3_12',
        'direct:10_12',
        'direct:12_15',
        'direct:5_23',
        'direct:8_9',
        'direct:23_31',
        'project:1',
        'project:7',
        'project:42',
      ]),
    );
    expect(world.messages.filter((m) => m.reply_to !== null).length).toBeGreaterThan(0);
    expect(world.messages.filter((m) => m.is_read).length).toBeGreaterThan(10);
    expect(world.messages.filter((m) => m.is_deleted)).toHaveLength(1);
    for (const m of world.messages.filter((x) => x.reply_to !== null)) {
      expect(world.messages.find((r) => r.id === m.reply_to)?.chat_id).toBe(m.chat_id);
    }
  });

  it('every message renders as a spec-valid server new_message', () => {
    const w = createWorld(world);
    for (const m of world.messages) {
      const event = {
        type: 'new_message',
        content: { chat_type: m.chat_type, chat_id: m.chat_id, message: toWireMessage(w, m) },
      };
      expect(validateServerEvent(event)).toMatchObject({ ok: true });
    }
  });

  it('gives each user an access JWT naming them', () => {
    for (const u of world.users)
      expect(decodeJwt(u.token)?.payload).toMatchObject({ token_type: 'access', user_id: u.id, exp: 4_102_444_800 });
  });

  it('survives a round trip through JSON and parseFixtures', () => {
    const result = parseFixtures(JSON.parse(JSON.stringify(world)), 'secret');
    expect(result).toEqual({ ok: true, world });
  });
});

describe('parseFixtures', () => {
  const minimal = {
    users: [
      { id: 1, first_name: 'A', last_name: 'B' },
      { id: 2, first_name: 'C', last_name: 'D', bot: true, token: 'two' },
    ],
    projects: [{ id: 5, leader_id: 1, collaborator_ids: [2] }],
    messages: [
      { id: 10, chat_type: 'direct', chat_id: '1_2', author_id: 2, text: 'hi', created_at: '2026-01-01T00:00:00Z' },
    ],
    extra: 'ignored',
  };
  const minimalText = () => JSON.stringify(minimal);

  it('fills defaults: avatar, bot, a token, the title, reply_to, flags', () => {
    const result = parseFixtures(minimal, 'secret');
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.world.users[0]).toMatchObject({ avatar: null, bot: false });
    expect(decodeJwt(result.world.users[0]?.token ?? '')?.payload.user_id).toBe(1);
    expect(result.world.users[1]?.token).toBe('two');
    expect(result.world.projects[0]?.title).toBe('Project 5');
    expect(result.world.messages[0]).toMatchObject({
      reply_to: null,
      is_read: false,
      is_deleted: false,
      created_at: '2026-01-01T00:00:00.000Z',
    });
  });

  it('lists every problem with where it is', () => {
    const broken = {
      users: [
        { id: 1, first_name: 'A', last_name: 'B' },
        { id: 1, first_name: 'A', last_name: 'B' },
      ],
      projects: [{ id: 5, leader_id: 3, collaborator_ids: [] }],
      messages: [
        { id: 10, chat_type: 'direct', chat_id: '2_1', author_id: 1, text: 'x', created_at: 'yesterday' },
        {
          id: 11,
          chat_type: 'project',
          chat_id: 6,
          author_id: 1,
          text: 'x',
          created_at: '2026-01-01T00:00:00Z',
          reply_to: 10,
        },
      ],
    };
    const result = parseFixtures(broken, 's');
    expect(result).toEqual({
      ok: false,
      errors: [
        'users[1].id: 1 is used twice',
        'projects[0]: user 3 does not exist',
        'messages[0].created_at: not an ISO 8601 date and time such as "2026-11-24T10:15:30.000Z": "yesterday"',
        'messages[0].chat_id: a direct chat id is "{smaller user id}_{larger user id}", got "2_1"',
        'messages[1].chat_id: project 6 does not exist',
        'messages[1].reply_to: message 10 is not in chat 6',
      ],
    });
  });

  it('refuses ids beyond 2^53 - 1, which JSON rounds, naming the field', () => {
    const text = minimalText().replace('"id":2,', '"id":9007199254740993,');
    const result = parseFixtures(JSON.parse(text), 's');
    expect(result).toEqual({
      ok: false,
      errors: [
        'users[1].id: 9007199254740992 is beyond 9007199254740991, the largest id JSON numbers hold exactly (a larger one is rounded, and names someone else)',
      ],
    });
  });

  it('refuses two users with the same token', () => {
    const users = [
      { id: 1, first_name: 'A', last_name: 'B', token: 'same' },
      { id: 2, first_name: 'C', last_name: 'D', token: 'same' },
    ];
    expect(parseFixtures({ ...minimal, users }, 's')).toEqual({
      ok: false,
      errors: ['users[1].token: the same token as users[0] (each user needs a token of their own)'],
    });
  });

  it.each(['1', '2026', '2026-01-01', 'Mon, 01 Jan 2026 00:00:00 GMT', '2026-01-01 00:00:00', '2026-13-01T00:00:00Z'])(
    'refuses created_at %j: an ISO 8601 date and time is wanted',
    (created_at) => {
      const messages = [{ ...minimal.messages[0], created_at }];
      const result = parseFixtures({ ...minimal, messages }, 's');
      expect(result).toEqual({
        ok: false,
        errors: [
          `messages[0].created_at: not an ISO 8601 date and time such as "2026-11-24T10:15:30.000Z": ${JSON.stringify(created_at)}`,
        ],
      });
    },
  );

  it('accepts ISO 8601 with an offset, or without seconds', () => {
    for (const created_at of ['2026-01-01T03:00:00+03:00', '2026-01-01T00:00Z', '2026-01-01T00:00:00.123456Z']) {
      expect(parseFixtures({ ...minimal, messages: [{ ...minimal.messages[0], created_at }] }, 's').ok).toBe(true);
    }
  });

  it('reports shape errors by path', () => {
    const result = parseFixtures({ users: [{ id: 'x', first_name: 'A' }], projects: [], messages: 3 }, 's');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual(
      expect.arrayContaining([
        "users[0]: must have required property 'last_name'",
        'users[0].id: must be integer',
        'messages: must be array',
      ]),
    );
  });

  it('loads a file, and says clearly when it cannot', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mock-fixtures-'));
    try {
      const good = path.join(dir, 'world.json');
      const bad = path.join(dir, 'bad.json');
      await writeFile(good, JSON.stringify(minimal));
      await writeFile(bad, '{ nope');
      expect((await loadFixturesFile(good, 's')).ok).toBe(true);
      const notJson = await loadFixturesFile(bad, 's');
      expect(!notJson.ok && notJson.errors[0]).toMatch(/bad\.json is not JSON/);
      const missing = await loadFixturesFile(path.join(dir, 'missing.json'), 's');
      expect(!missing.ok && missing.errors[0]).toMatch(/^cannot read .*missing\.json/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
