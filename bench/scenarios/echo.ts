// The headline: the mock as users run it against a bare server, each answering a sender with one
// frame per frame. Four senders, each keeping 10 new_message frames in flight in a direct chat
// whose other participant is not connected, so the mock delivers each message once (back to its
// sender), as the bare server and the peer answer once. Five alternating rounds.
import { directChatId } from '../../protocol/index.js';
import { MARKER } from '../load/windowed.js';
import { benchUsers } from '../world.js';
import { directGoals, runSocketScenario } from './socket.js';
import type { Scenario } from './types.js';

/** The longest one load phase may take. */
const TIMEOUT_MS = 120_000;
const SENDERS = 4;
const WINDOW = 10;
const PER_SENDER = 20_000;

export const echo: Scenario = {
  name: 'echo',
  title: 'new_message, one answer per frame (senders only)',
  measures:
    `${SENDERS} users, one connection each, each keeping ${WINDOW} new_message frames in flight in a direct chat whose ` +
    'other participant is not connected. The mock validates, stores the message and sends new_message to its ' +
    "sender (the only participant online); the bare server JSON-parses the frame and sends it back; the peer's " +
    'WebSocket route answers each message with it. Latency: send -> the sender receives its message back. One ' +
    'operation = one frame sent.',
  run(context) {
    const users = benchUsers(context.world, 1, SENDERS * 2);
    const senders = users.filter((_, i) => i % 2 === 0);
    const count = (context.quick ? PER_SENDER / 10 : PER_SENDER) * SENDERS;
    return runSocketScenario('echo', context, {
      unit: 'frames',
      warmup: context.quick ? 2000 : 8000,
      count,
      timeoutMs: TIMEOUT_MS,
      rounds: context.quick ? 1 : 5,
      peer: true,
      settings: { senders: SENDERS, window: WINDOW, frames: count },
      session: (server) => ({
        driver: 'windowed',
        params: {
          wsUrl: server.wsUrl,
          users: senders,
          senders: senders.map((user, connection) => ({
            connection,
            frame: JSON.stringify({
              type: 'new_message',
              content: {
                chat_type: 'direct',
                chat_id: directChatId(user.id, user.id + 1),
                message: MARKER,
                reply_to: null,
              },
            }),
          })),
          window: WINDOW,
          deliveriesPerFrame: 1,
          attribution: { kind: 'marker' },
          timeoutMs: TIMEOUT_MS,
        },
      }),
      goals: directGoals,
    });
  },
};
