// Version 2's refusals as its document lists them (x-refusals, which its docs page shows) are the
// ones the mock speaking version 2 really answers: each listed code is provoked by a frame of that
// event, and every refusal the scenarios below provoke is listed.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../mock-server/index.js';
import { ROOT } from '../../scripts/lib/catalogue.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, bots: false, protocol: 2 });
});
afterAll(async () => {
  await mock.close();
});

interface Message {
  name: string;
  'x-refusals'?: { code: string }[];
}
const doc = YAML.parse(fs.readFileSync(path.join(ROOT, 'protocols/v2/asyncapi.yaml'), 'utf8')) as {
  components: { messages: Record<string, Message> };
};
const clientMessages = Object.entries(doc.components.messages)
  .filter(([id]) => id.startsWith('client'))
  .map(([, m]) => [m.name, m] as const);

const NO_SUCH_ID = 2147483647;
type Frame = { type: string; content: Record<string, unknown> };
type Scenario = { code: string; userId: number; frame: (messageId: number) => Frame };

const direct = (chatId: string) => ({ chat_type: 'direct', chat_id: chatId });
const project = (chatId: number) => ({ chat_type: 'project', chat_id: String(chatId) });
const newMessage = { text: 'hi', reply_to: null, file_urls: [] };

const chatRefusals = (type: string, extra: (messageId: number) => Record<string, unknown>): Scenario[] => [
  { code: 'invalid_event', userId: 12, frame: (m) => ({ type, content: { ...direct('23_12'), ...extra(m) } }) },
  { code: 'not_chat_member', userId: 12, frame: (m) => ({ type, content: { ...direct('23_27'), ...extra(m) } }) },
  { code: 'user_not_found', userId: 12, frame: (m) => ({ type, content: { ...direct('12_99999'), ...extra(m) } }) },
  { code: 'chat_not_found', userId: 12, frame: (m) => ({ type, content: { ...project(NO_SUCH_ID), ...extra(m) } }) },
];

const aboutMessage = (type: string, other: string, extra: Record<string, unknown> = {}): Scenario[] => [
  ...chatRefusals(type, (m) => ({ message_id: m, ...extra })),
  {
    code: 'message_not_found',
    userId: 12,
    frame: () => ({ type, content: { ...direct('12_23'), message_id: NO_SUCH_ID, ...extra } }),
  },
  {
    code: other,
    userId: other === 'cannot_read_own_message' ? 12 : 23,
    frame: (m) => ({ type, content: { ...direct('12_23'), message_id: m, ...extra } }),
  },
];

const SCENARIOS: Record<string, Scenario[]> = {
  new_message: [
    ...chatRefusals('new_message', () => newMessage),
    {
      code: 'reply_not_in_chat',
      userId: 12,
      frame: () => ({ type: 'new_message', content: { ...direct('12_23'), ...newMessage, reply_to: NO_SUCH_ID } }),
    },
  ],
  edit_message: aboutMessage('edit_message', 'not_message_author', { text: 'changed' }),
  user_typing: chatRefusals('user_typing', () => ({})),
  message_read: aboutMessage('message_read', 'cannot_read_own_message'),
  delete_message: aboutMessage('delete_message', 'not_message_author'),
  set_online: [{ code: 'invalid_event', userId: 12, frame: () => ({ type: 'set_online', content: { user_id: 12 } }) }],
  set_offline: [
    { code: 'invalid_event', userId: 12, frame: () => ({ type: 'set_offline', content: { user_id: 12 } }) },
  ],
};

describe.each(clientMessages)('the refusals of %s (protocol 2)', (name, message) => {
  it('are exactly the codes its scenarios provoke in the mock', () => {
    const sent = mock.actAsRaw(12, {
      type: 'new_message',
      content: { ...direct('12_23'), ...newMessage, text: 'mine' },
    });
    expect(sent.ok).toBe(true);
    const messageId = sent.ok ? (sent.deliveries[0]?.event.content as { message: { id: number } }).message.id : 0;
    const provoked = (SCENARIOS[name] ?? []).map((scenario) => {
      const result = mock.actAsRaw(scenario.userId, scenario.frame(messageId));
      return { expected: scenario.code, got: result.ok ? 'accepted' : result.error.content.code };
    });
    expect(provoked.filter((p) => p.got !== p.expected)).toEqual([]);
    const listed = (message['x-refusals'] ?? []).map((r) => r.code).sort();
    expect(listed).toEqual([...new Set(provoked.map((p) => p.expected))].sort());
  });
});
