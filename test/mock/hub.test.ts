// The hub without sockets: fan-out, outgoing validation, and bugs turned into internal_error.
import { describe, expect, it } from 'vitest';
import type { ServerEvent } from '../../protocol/index.js';
import type { Connection } from '../../mock-server/hub/connections.js';
import { buildFixtureWorld } from '../../mock-server/world/fixtures.js';
import { Hub } from '../../mock-server/hub/hub.js';
import { type MockLogger, createLogger } from '../../mock-server/traffic/log.js';
import { TrafficLog } from '../../mock-server/traffic/traffic.js';

function setup() {
  const errors: string[] = [];
  const logger: MockLogger = createLogger({
    mode: 'silent',
    nameOf: () => undefined,
    stderr: (t) => errors.push(t),
    color: false,
  });
  const traffic = new TrafficLog();
  const hub = new Hub({ world: buildFixtureWorld({ now: new Date('2026-11-24T10:00:00Z') }), traffic, logger });
  const sent = new Map<string, string[]>();
  const open = (id: string, userId: number): Connection => {
    sent.set(id, []);
    const connection: Connection = {
      id,
      userId,
      via: 'header',
      openedAt: '',
      send: (t) => sent.get(id)?.push(String(t)),
      close: () => undefined,
    };
    hub.connected(connection);
    return connection;
  };
  return { hub, traffic, errors, sent, open };
}

describe('Hub', () => {
  it('sends the same text to every connection of each recipient, and records one out record per connection', () => {
    const { hub, traffic, sent, open } = setup();
    const a1 = open('a1', 12);
    open('a2', 12);
    open('j', 23);
    hub.receiveText(
      a1,
      JSON.stringify({
        type: 'new_message',
        content: { chat_type: 'direct', chat_id: '12_23', message: 'hi', reply_to: null },
      }),
    );
    const last = (id: string) => sent.get(id)?.at(-1);
    expect(last('a1')).toBe(last('a2'));
    expect(last('a1')).toBe(last('j'));
    const out = traffic.recent(3);
    expect(out.map((r) => [r.direction, r.connection_id, r.type, r.valid])).toEqual([
      ['out', 'a1', 'new_message', true],
      ['out', 'a2', 'new_message', true],
      ['out', 'j', 'new_message', true],
    ]);
    expect(hub.stats()).toMatchObject({ connections: 3, usersConnected: 2, outgoingViolations: 0, internalErrors: 0 });
  });

  it('counts and logs an outgoing frame that breaks the server schema', () => {
    const { hub, traffic, errors, open } = setup();
    open('a', 12);
    const bad = { type: 'set_online', content: { user_id: 'twelve' } } as unknown as ServerEvent;
    hub.emit({ kind: 'everyone' }, bad);
    expect(hub.stats().outgoingViolations).toBe(1);
    expect(errors.join('')).toMatch(/BUG: an outgoing frame violates the server schema/);
    expect(traffic.recent(1)[0]).toMatchObject({
      direction: 'out',
      valid: false,
      problems: [{ pointer: '/content/user_id', code: 'wrong_type' }],
    });
  });

  it('answers internal_error when handling throws, and keeps going', () => {
    const { hub, sent, errors, open } = setup();
    const a = open('a', 12);
    hub.world.projects.get = () => {
      throw new Error('boom');
    };
    hub.receiveText(a, JSON.stringify({ type: 'user_typing', content: { chat_type: 'project', chat_id: 7 } }));
    expect(JSON.parse(sent.get('a')?.at(-1) ?? '{}')).toEqual({
      type: 'error',
      error: 'The mock server failed to handle this frame (a bug; see its log)',
      content: {
        code: 'internal_error',
        message: 'The mock server failed to handle this frame (a bug; see its log)',
        event_type: 'user_typing',
        problems: [],
      },
    });
    expect(hub.stats().internalErrors).toBe(1);
    expect(errors.join('')).toMatch(/boom/);
  });

  it('act: validates like a socket, and refuses an unknown user', () => {
    const { hub } = setup();
    expect(hub.act(999, { type: 'set_online', content: {} }, 'act-as')).toMatchObject({
      ok: false,
      error: { content: { code: 'user_not_found' } },
    });
    expect(hub.act(12, 'hello', 'act-as')).toMatchObject({
      ok: false,
      error: { content: { code: 'invalid_event', problems: [{ code: 'not_an_object' }] } },
    });
    expect(hub.act(12, undefined, 'act-as')).toMatchObject({ ok: false, error: { content: { code: 'invalid_json' } } });
  });

  it('keeps connected users online across a reset, and stops presence when shutting down', () => {
    const { hub, sent, open } = setup();
    const a = open('a', 12);
    open('j', 23);
    hub.reset(buildFixtureWorld({ seed: 1 }));
    expect(hub.world.online.has(12)).toBe(true);
    hub.shutdown();
    const before = sent.get('j')?.length;
    hub.disconnected(a);
    expect(sent.get('j')?.length).toBe(before);
  });
});
