// The test kit for protocol 2 (chats-ws-protocol/testing/v2): a typed client that sends version 2's
// frames and checks what it receives against version 2; `closeAll` closes its clients too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock-server/index.js';
import { closeAll, connectAs } from '../../testing/v2.js';
import * as v1kit from '../../testing/index.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, bots: false, protocol: 2 });
});
afterAll(async () => {
  await mock.close();
});

describe('chats-ws-protocol/testing/v2', () => {
  it('sends and receives version 2 frames, typed, none of them invalid', async () => {
    const anna = await connectAs(mock, 12, { via: 'subprotocol' });
    const james = await connectAs(mock, 23, { via: 'query' });
    anna.send({
      type: 'new_message',
      content: { chat_type: 'project', chat_id: '7', text: 'hi', reply_to: null, file_urls: ['https://x.test/a.png'] },
    });
    const received = await james.next('new_message', (e) => e.content.message.author.id === 12);
    expect(received.content.chat_id).toBe(7);
    expect(received.content.message.files[0]?.mime_type).toBe('image/png');
    anna.send({
      type: 'edit_message',
      content: { chat_type: 'project', chat_id: '7', message_id: received.content.message.id, text: 'hi!' },
    });
    const edited = await james.next('edit_message');
    expect(edited.content.message).toMatchObject({ text: 'hi!', is_edited: true });
    expect([...anna.invalid, ...james.invalid]).toEqual([]);
    await closeAll(mock);
    expect([anna.isOpen, james.isOpen]).toEqual([false, false]);
  });

  it('the kit of version 1, against the same mock, finds its frames invalid: the versions are told apart', async () => {
    const anna = await v1kit.connectAs(mock, 12);
    mock.actAsRaw(23, { type: 'user_typing', content: { chat_type: 'project', chat_id: '7' } });
    const deadline = Date.now() + 3000;
    while (anna.invalid.length === 0 && anna.pending.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    // user_typing is the same in both versions: valid for either kit.
    expect(anna.pending.map((e) => e.type)).toEqual(['user_typing']);
    mock.actAsRaw(23, {
      type: 'new_message',
      content: { chat_type: 'project', chat_id: '7', text: 'x', reply_to: null, file_urls: [] },
    });
    while (anna.invalid.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(anna.invalid.map((i) => (i.frame as { type: string }).type)).toEqual(['new_message']);
    await v1kit.closeAll(mock);
  });
});
