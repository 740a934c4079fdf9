import { directChatId } from '../../protocol/index.js';
import { MARKER } from '../load/windowed.js';
import { benchUsers } from '../world.js';
import { directGoals, runSocketScenario } from './socket.js';
import type { Scenario } from './types.js';

/** Users 1..2n as n pairs (1 and 2, 3 and 4, ...): connection i's partner is connection i ^ 1. */
/** The longest one load phase may take. */
const TIMEOUT_MS = 60_000;

export const pairOf = (connection: number): number => connection ^ 1;

export const directMessage: Scenario = {
  name: 'direct-message',
  title: 'Direct new_message',
  measures:
    'Pairs of users, one connection each, both sending new_message in their direct chat. The mock validates, stores the ' +
    'message and sends new_message to both participants; the bare server JSON-parses the frame and forwards the same ' +
    'bytes to both. Latency: send -> the sender receives its own message back. One operation = one frame sent.',
  run(context) {
    const pairs = 4;
    const window = 16;
    const users = benchUsers(context.world, 1, pairs * 2);
    const frameFor = (connection: number): string => {
      const chatId = directChatId((users[connection] ?? users[0]!).id, users[pairOf(connection)]!.id);
      return JSON.stringify({
        type: 'new_message',
        content: { chat_type: 'direct', chat_id: chatId, message: MARKER, reply_to: null },
      });
    };
    const count = context.quick ? 10_000 : 100_000;
    return runSocketScenario('direct-message', context, {
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
          senders: users.map((_, connection) => ({ connection, frame: frameFor(connection) })),
          window,
          deliveriesPerFrame: 2,
          attribution: { kind: 'marker' },
          timeoutMs: TIMEOUT_MS,
        },
      }),
      goals: directGoals,
    });
  },
};
