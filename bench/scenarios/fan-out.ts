import { MARKER } from '../load/windowed.js';
import { PROJECT_ID, PROJECT_MEMBERS, benchUsers } from '../world.js';
import { runSocketScenario } from './socket.js';
import type { Scenario } from './types.js';

/** The longest one load phase may take. */
const TIMEOUT_MS = 60_000;

export const fanOut: Scenario = {
  name: 'fan-out',
  title: `Project new_message to ${PROJECT_MEMBERS} members`,
  measures:
    `All ${PROJECT_MEMBERS} members of a project connected, a few of them sending new_message to the project chat. The ` +
    'mock validates, stores and sends new_message to every connected member, the sender included; the bare server ' +
    'JSON-parses the frame and forwards the same bytes to every connection. Latency: send -> the sender receives its ' +
    'own message back. One operation = one frame sent; deliveries/s is the figure to read.',
  run(context) {
    const senders = 4;
    const window = 4;
    const users = benchUsers(context.world, 1, PROJECT_MEMBERS);
    const frame = JSON.stringify({
      type: 'new_message',
      content: { chat_type: 'project', chat_id: PROJECT_ID, message: MARKER, reply_to: null },
    });
    const count = context.quick ? 1000 : 10_000;
    return runSocketScenario('fan-out', context, {
      unit: 'frames',
      warmup: context.quick ? 200 : 1000,
      count,
      timeoutMs: TIMEOUT_MS,
      settings: { connections: users.length, senders, window, frames: count },
      session: (server) => ({
        driver: 'windowed',
        params: {
          wsUrl: server.wsUrl,
          users,
          senders: Array.from({ length: senders }, (_, connection) => ({ connection, frame })),
          window,
          deliveriesPerFrame: PROJECT_MEMBERS,
          attribution: { kind: 'marker' },
          timeoutMs: TIMEOUT_MS,
        },
      }),
      goals: ({ runs }) => {
        const rate = runs.mock?.deliveriesPerSecond;
        return rate === undefined
          ? []
          : [{ name: 'mock deliveries per second', target: '>= 100000', value: rate, met: rate >= 100_000 }];
      },
    });
  },
};
