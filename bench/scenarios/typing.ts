import { directChatId } from '../../protocol/index.js';
import { benchUsers } from '../world.js';
import { pairOf } from './direct-message.js';
import { directGoals, runSocketScenario } from './socket.js';
import type { Scenario } from './types.js';

/** The longest one load phase may take. */
const TIMEOUT_MS = 60_000;

export const typing: Scenario = {
  name: 'typing',
  title: 'Direct user_typing',
  measures:
    'Pairs of users, one connection each, both sending user_typing in their direct chat. The mock validates it and sends ' +
    'user_typing (with end_time) to the other participant only; the bare server JSON-parses the frame and forwards the ' +
    "same bytes to the other participant. Latency: send -> the recipient's delivery (the sender gets nothing back). " +
    'One operation = one frame sent.',
  run(context) {
    const pairs = 4;
    const window = 16;
    const users = benchUsers(context.world, 1, pairs * 2);
    const count = context.quick ? 10_000 : 100_000;
    return runSocketScenario('typing', context, {
      unit: 'frames',
      warmup: context.quick ? 2000 : 10_000,
      count,
      timeoutMs: TIMEOUT_MS,
      settings: { connections: users.length, window, frames: count },
      session: (server) => ({
        driver: 'windowed',
        params: {
          wsUrl: server.wsUrl,
          users,
          senders: users.map((user, connection) => ({
            connection,
            frame: JSON.stringify({
              type: 'user_typing',
              content: { chat_type: 'direct', chat_id: directChatId(user.id, users[pairOf(connection)]!.id) },
            }),
          })),
          window,
          deliveriesPerFrame: 1,
          // Connection i receives only its partner's typing; the partner is sender i ^ 1.
          attribution: {
            kind: 'peer',
            peerOf: users.map((_, connection) => pairOf(connection)),
            expect: 'user_typing',
          },
          timeoutMs: TIMEOUT_MS,
        },
      }),
      goals: directGoals,
    });
  },
};
