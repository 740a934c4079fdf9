// Simulated users over real sockets, a hundred times faster than people: two humans talk while
// each also writes to a bot, which reads, types and answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../../protocol/index.js';
import type { MockServer } from '../../mock-server/index.js';
import { Clients, type TestClient, startTestServer } from './helpers.js';

let server: MockServer;
let clients: Clients;

beforeAll(async () => {
  server = await startTestServer({ bots: true, botSpeed: 0.01 });
  clients = new Clients(server);
});
afterAll(async () => {
  await clients.closeAll();
  expect(server.stats().outgoingViolations).toBe(0);
  await server.close();
});

const inChat = (chatId: string) => (f: ServerEvent) =>
  'content' in f && 'chat_id' in f.content && f.content.chat_id === chatId;

/** The next frames of one chat, in order, until a new_message by `authorId` arrives. */
async function untilMessageBy(client: TestClient, chatId: string, authorId: number): Promise<ServerEvent[]> {
  const seen: ServerEvent[] = [];
  for (;;) {
    const frame = await client.next(inChat(chatId), 5000);
    seen.push(frame);
    if (frame.type === 'new_message' && frame.content.message.author.id === authorId) return seen;
  }
}

describe('bots', () => {
  it('read, type and answer a direct message, while two people talk to each other', async () => {
    const anna = await clients.open(12);
    const james = await clients.open(23);

    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'James, are you there?', reply_to: null },
    });
    const toJames = await james.next((f) => f.type === 'new_message' && f.content.chat_id === '12_23');
    expect(toJames).toMatchObject({ content: { message: { author: { id: 12 }, text: 'James, are you there?' } } });
    james.send({
      type: 'message_read',
      content: {
        chat_type: 'direct',
        chat_id: '12_23',
        message_id: (toJames as { content: { message: { id: number } } }).content.message.id,
      },
    });
    james.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', message: 'Yes! Writing to Brenden too', reply_to: null },
    });

    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_15', message: 'Привет! Посмотришь макеты?', reply_to: null },
    });
    james.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '5_23', message: 'Hi Brenden, any news?', reply_to: null },
    });

    for (const [client, chatId, botId] of [
      [anna, '12_15', 15],
      [james, '5_23', 5],
    ] as const) {
      const frames = await untilMessageBy(client, chatId, botId);
      const mine = frames[0];
      expect(mine).toMatchObject({ type: 'new_message', content: { message: { author: { id: client.userId } } } });
      const myId = (mine as { content: { message: { id: number } } }).content.message.id;
      const rest = frames.slice(1).map((f) => f.type);
      // Read first, then typing (once or more), then the answer.
      expect(rest[0]).toBe('message_read');
      expect(rest.at(-1)).toBe('new_message');
      expect(rest.slice(1, -1).length).toBeGreaterThanOrEqual(1);
      expect(new Set(rest.slice(1, -1))).toEqual(new Set(['user_typing']));
      expect(frames[1]).toEqual({
        type: 'message_read',
        content: { chat_type: 'direct', chat_id: chatId, user_id: botId, message_id: myId },
      });
      expect(frames[2]).toMatchObject({
        type: 'user_typing',
        content: { chat_type: 'direct', chat_id: chatId, user_id: botId },
      });
      const answer = frames.at(-1) as Extract<ServerEvent, { type: 'new_message' }>;
      expect(answer.content.message).toMatchObject({ author: { id: botId }, is_read: false, is_deleted: false });
      expect([null, myId]).toContain(answer.content.message.reply_to);
      expect(answer.content.message.text.length).toBeGreaterThan(0);
    }
    // The people's own chat saw no bot.
    const chat = server.state().messages.filter((m) => m.chat_id === '12_23' && m.id > 54);
    expect(chat.map((m) => m.author_id)).toEqual([12, 23]);
    for (const client of [anna, james]) expect(client.invalid).toEqual([]);
  });
});
