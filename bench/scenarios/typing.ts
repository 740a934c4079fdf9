import { pairOf, runDirectPairs } from './direct-pairs.js';
import type { Scenario } from './types.js';

export const typing: Scenario = {
  name: 'typing',
  title: 'Direct user_typing',
  measures:
    'Pairs of users, one connection each, both sending user_typing in their direct chat. The mock validates it and sends ' +
    'user_typing (with end_time) to the other participant only; the bare server JSON-parses the frame and forwards the ' +
    "same bytes to the other participant. Latency: send -> the recipient's delivery (the sender gets nothing back). " +
    'One operation = one frame sent.',
  run: (context) =>
    runDirectPairs('typing', context, {
      frame: (chatId) => JSON.stringify({ type: 'user_typing', content: { chat_type: 'direct', chat_id: chatId } }),
      deliveriesPerFrame: 1,
      // Connection i receives only its partner's typing; the partner is sender i ^ 1.
      attribution: (users) => ({
        kind: 'peer',
        peerOf: users.map((_, connection) => pairOf(connection)),
        expect: 'user_typing',
      }),
    }),
};
