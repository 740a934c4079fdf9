// The refusals the spec lists for each client event (x-refusals, which the docs site shows) are
// the ones the mock really answers: each listed code is produced by a frame of that event, and
// every refusal a scenario below can provoke is listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../mock-server/index.js';
import { events } from '../docs/spec-facts.js';

let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, bots: false });
});
afterAll(async () => {
  await mock.close();
});

const NO_SUCH_ID = 2147483647;
type Frame = { type: string; content: Record<string, unknown> };
/** One way of provoking a refusal: who acts, and the frame (built after `setup` ran). */
type Scenario = { code: string; userId: number; frame: (messageId: number) => Frame };

const direct = (chatId: string) => ({ chat_type: 'direct', chat_id: chatId });
const project = (chatId: number) => ({ chat_type: 'project', chat_id: chatId });

/** Refusals every chat event can get, for a frame of `type` whose content adds `extra` to the chat. */
const chatRefusals = (type: string, extra: (messageId: number) => Record<string, unknown>): Scenario[] => [
  { code: 'invalid_event', userId: 12, frame: (m) => ({ type, content: { ...direct('23_12'), ...extra(m) } }) },
  { code: 'not_chat_member', userId: 12, frame: (m) => ({ type, content: { ...direct('23_27'), ...extra(m) } }) },
  { code: 'user_not_found', userId: 12, frame: (m) => ({ type, content: { ...direct('12_99999'), ...extra(m) } }) },
  { code: 'chat_not_found', userId: 12, frame: (m) => ({ type, content: { ...project(NO_SUCH_ID), ...extra(m) } }) },
];

const SCENARIOS: Record<string, Scenario[]> = {
  new_message: [
    ...chatRefusals('new_message', () => ({ message: 'hi', reply_to: null })),
    {
      code: 'reply_not_in_chat',
      userId: 12,
      frame: () => ({ type: 'new_message', content: { ...direct('12_23'), message: 'hi', reply_to: NO_SUCH_ID } }),
    },
  ],
  user_typing: chatRefusals('user_typing', () => ({})),
  message_read: [
    ...chatRefusals('message_read', (m) => ({ message_id: m })),
    {
      code: 'message_not_found',
      userId: 23,
      frame: () => ({ type: 'message_read', content: { ...direct('12_23'), message_id: NO_SUCH_ID } }),
    },
    {
      code: 'cannot_read_own_message',
      userId: 12,
      frame: (m) => ({ type: 'message_read', content: { ...direct('12_23'), message_id: m } }),
    },
  ],
  delete_message: [
    ...chatRefusals('delete_message', (m) => ({ message_id: m })),
    {
      code: 'message_not_found',
      userId: 12,
      frame: () => ({ type: 'delete_message', content: { ...direct('12_23'), message_id: NO_SUCH_ID } }),
    },
    {
      code: 'not_message_author',
      userId: 23,
      frame: (m) => ({ type: 'delete_message', content: { ...direct('12_23'), message_id: m } }),
    },
  ],
  set_online: [{ code: 'invalid_event', userId: 12, frame: () => ({ type: 'set_online', content: { user_id: 12 } }) }],
  set_offline: [
    { code: 'invalid_event', userId: 12, frame: () => ({ type: 'set_offline', content: { user_id: 12 } }) },
  ],
};

describe.each(events.filter((e) => e.direction === 'client → server').map((e) => [e.name, e] as const))(
  'the refusals of %s',
  (name, event) => {
    it('are exactly the codes its scenarios provoke in the mock', () => {
      // A message of user 12 in the direct chat of 12 and 23, for the read and delete scenarios.
      const sent = mock.actAsRaw(12, {
        type: 'new_message',
        content: { ...direct('12_23'), message: 'mine', reply_to: null },
      });
      expect(sent.ok).toBe(true);
      const messageId = sent.ok ? (sent.deliveries[0]?.event.content as { message: { id: number } }).message.id : 0;
      const provoked = (SCENARIOS[name] ?? []).map((scenario) => {
        const result = mock.actAsRaw(scenario.userId, scenario.frame(messageId));
        return { expected: scenario.code, got: result.ok ? 'accepted' : result.error.content.code };
      });
      expect(provoked.filter((p) => p.got !== p.expected)).toEqual([]);
      const listed = (event.message['x-refusals'] ?? []).map((r) => r.code).sort();
      expect(listed).toEqual([...new Set(provoked.map((p) => p.expected))].sort());
    });
  },
);
