// chats-ws-protocol/testing against a running mock: typed clients that connect as a user, send,
// and wait for the next frame of a type; the mock's typed actAs / emit and their raw variants.
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { ServerNewMessage, ServerUserTyping } from '../../protocol/index.js';
import { type MockServer, startMockServer } from '../../mock-server/index.js';
import { ConnectError, closeAll, connect, connectAs } from '../../testing/index.js';

let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, bots: false });
});
afterEach(async () => {
  await closeAll(mock);
  await mock.reset();
});
afterAll(async () => {
  expect(mock.stats().outgoingViolations).toBe(0);
  await mock.close();
});

const hello = {
  type: 'new_message',
  content: { chat_type: 'direct', chat_id: '12_23', message: 'hello world', reply_to: 54 },
} as const;

describe('connectAs', () => {
  it('connects as a user; send and next are typed by the event type', async () => {
    const anna = await connectAs(mock, 12);
    const james = await connectAs(mock, 23);
    expect(await anna.next('set_online')).toEqual({ type: 'set_online', content: { user_id: 23 } });
    anna.send(hello);
    const received = await james.next('new_message');
    expectTypeOf(received).toEqualTypeOf<ServerNewMessage>();
    expect(received.content.message).toMatchObject({ id: 55, text: 'hello world', reply_to: 54, author: { id: 12 } });
    expect((await anna.next('new_message')).content.message.id).toBe(55);
    james.send({ type: 'user_typing', content: { chat_type: 'direct', chat_id: '12_23' } });
    const typing = await anna.next('user_typing');
    expectTypeOf(typing).toEqualTypeOf<ServerUserTyping>();
    expect(typing.content).toMatchObject({ chat_type: 'direct', chat_id: '12_23', user_id: 23 });
    expect([anna.pending, james.pending, anna.invalid, james.invalid]).toEqual([[], [], [], []]);
  });

  it('takes the first frame the filter accepts and leaves the others pending, oldest first', async () => {
    const anna = await connectAs(mock, 12);
    for (const text of ['one', 'two', 'three'])
      anna.send({ type: 'new_message', content: { chat_type: 'project', chat_id: 7, message: text, reply_to: null } });
    const two = await anna.next('new_message', (e) => e.content.message.text === 'two');
    expect(two.content.message.text).toBe('two');
    await anna.next('new_message', (e) => e.content.message.text === 'three');
    expect(anna.pending.map((e) => e.type === 'new_message' && e.content.message.text)).toEqual(['one']);
  });

  it('sends any frame with sendRaw, and gets the error event for it', async () => {
    const anna = await connectAs(mock, 12);
    anna.sendRaw('{not json');
    expect((await anna.next('error')).content).toMatchObject({ code: 'invalid_json', event_type: null });
    anna.sendRaw({ type: 'new_mesage', content: {} });
    expect((await anna.next('error')).content).toMatchObject({ code: 'unknown_event_type', event_type: 'new_mesage' });
  });

  it('times out with what did arrive, and rejects when the socket closes while waiting', async () => {
    const anna = await connectAs(mock, 12, { nextTimeoutMs: 200 });
    await connectAs(mock, 23);
    await expect(anna.next('delete_message')).rejects.toThrow(
      'user 12: no delete_message within 200 ms; pending: set_online',
    );
    await expect(anna.next('new_message', () => false, 50)).rejects.toThrow(
      'user 12: no new_message matching the filter within 50 ms; pending: set_online',
    );
    const waiting = anna.next('message_read', undefined, 5000);
    await anna.close();
    await expect(waiting).rejects.toThrow('user 12: the connection closed (1000) while waiting');
    expect(anna.isOpen).toBe(false);
  });

  it('rejects a wait whose filter throws, with that error, and goes on for the others', async () => {
    const anna = await connectAs(mock, 12);
    const broken = anna.next('set_online', () => {
      throw new Error('a broken filter');
    });
    const other = anna.next('set_online');
    await connectAs(mock, 23);
    await expect(broken).rejects.toThrow('a broken filter');
    expect(await other).toEqual({ type: 'set_online', content: { user_id: 23 } });
    for (const text of ['a', 'b'])
      anna.send({ type: 'new_message', content: { chat_type: 'project', chat_id: 7, message: text, reply_to: null } });
    await anna.next('new_message', (e) => e.content.message.text === 'b'); // 'a' stays pending
    await expect(
      anna.next('new_message', () => {
        throw new Error('a broken filter, on a pending frame');
      }),
    ).rejects.toThrow('a broken filter, on a pending frame');
    expect(anna.pending).toHaveLength(1);
  });

  it('connects with the token in the header, the query or the subprotocol', async () => {
    for (const via of ['header', 'query', 'subprotocol'] as const) {
      const client = await connectAs(mock, 27, { via });
      client.send({ type: 'set_offline', content: {} });
      expect(await client.next('set_offline')).toEqual({ type: 'set_offline', content: { user_id: 27 } });
      await client.close();
    }
  });

  it('refuses an unknown user at once, and reports a refused handshake with its status', async () => {
    await expect(connectAs(mock, 999)).rejects.toThrow(
      'The mock has no user 999 (users: 3, 5, 8, 9, 10, 12, 15, 23, 27, 31)',
    );
    const refused = connect(mock.wsUrl, 'not-a-token');
    await expect(refused).rejects.toBeInstanceOf(ConnectError);
    await expect(refused).rejects.toMatchObject({ status: 403 });
  });

  it('closeAll closes every client connectAs opened to that mock', async () => {
    const clients = await Promise.all([12, 23, 27].map((id) => connectAs(mock, id)));
    await closeAll(mock);
    expect(clients.map((c) => c.isOpen)).toEqual([false, false, false]);
    expect((await clients[0]?.closed)?.code).toBe(1000);
  });

  it('a mock that closes closes its clients with 1001', async () => {
    const other = await startMockServer({ port: 0, bots: false });
    const anna = await connectAs(other, 12);
    await other.close();
    expect(await anna.closed).toEqual({ code: 1001, reason: expect.any(String) });
  });
});

describe('the mock, typed', () => {
  it('actAs takes a ClientEvent; actAsRaw takes anything and answers with the error event', async () => {
    const james = await connectAs(mock, 23);
    const result = mock.actAs(12, hello);
    expect(result.ok).toBe(true);
    expect((await james.next('new_message')).content.message.id).toBe(55);
    const raw = mock.actAsRaw(12, {
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', reply_to: null },
    });
    expect(raw).toMatchObject({
      ok: false,
      error: { content: { code: 'invalid_event', problems: [{ pointer: '/content/message', code: 'missing_field' }] } },
    });
    // @ts-expect-error: a typo'd event type does not compile
    expect(mock.actAs(12, { type: 'new_mesage', content: {} }).ok).toBe(false);
  });

  it('emit takes a ServerEvent; emitRaw takes anything and answers with its problems', async () => {
    const anna = await connectAs(mock, 12);
    expect(mock.emit(12, { type: 'set_offline', content: { user_id: 31 } }).ok).toBe(true);
    expect(await anna.next('set_offline')).toEqual({ type: 'set_offline', content: { user_id: 31 } });
    expect(mock.emitRaw(12, { type: 'set_offline', content: {} })).toMatchObject({
      ok: false,
      problems: [{ pointer: '/content/user_id', code: 'missing_field' }],
    });
    // @ts-expect-error: a server event needs its content
    expect(mock.emit('all', { type: 'set_offline' }).ok).toBe(false);
  });
});
