import { MARKER } from '../load/windowed.js';
import { runDirectPairs } from './direct-pairs.js';
import type { Scenario } from './types.js';

export const directMessage: Scenario = {
  name: 'direct-message',
  title: 'Direct new_message',
  measures:
    'Pairs of users, one connection each, both sending new_message in their direct chat. The mock validates, stores the ' +
    'message and sends new_message to both participants; the bare server JSON-parses the frame and forwards the same ' +
    'bytes to both. Latency: send -> the sender receives its own message back. One operation = one frame sent.',
  run: (context) =>
    runDirectPairs('direct-message', context, {
      frame: (chatId) =>
        JSON.stringify({
          type: 'new_message',
          content: { chat_type: 'direct', chat_id: chatId, message: MARKER, reply_to: null },
        }),
      deliveriesPerFrame: 2,
      attribution: () => ({ kind: 'marker' }),
    }),
};
