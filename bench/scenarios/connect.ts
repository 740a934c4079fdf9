import { benchUsers } from '../world.js';
import { runSocketScenario } from './socket.js';
import type { Scenario } from './types.js';

/** The longest one load phase may take. */
const TIMEOUT_MS = 60_000;

export const connect: Scenario = {
  name: 'connect',
  title: 'Connect + authenticate + presence',
  measures:
    'New connections, each of a user not online yet, a few at a time, while one observer stays connected. Both servers ' +
    'upgrade, read the user from the Bearer token (the mock checks it against its users; the bare server only decodes ' +
    'it) and send set_online to every other connected user; on close, set_offline. Latency: WebSocket start -> the ' +
    "observer receives the user's set_online. One operation = one connection; it is closed once announced.",
  run(context) {
    const window = 8;
    const pool = context.quick ? 64 : 200;
    const count = context.quick ? 1000 : 10_000;
    const [observer] = benchUsers(context.world, 1, 1);
    const users = benchUsers(context.world, 2, pool);
    return runSocketScenario('connect', context, {
      unit: 'connections',
      warmup: context.quick ? 200 : 1000,
      count,
      timeoutMs: TIMEOUT_MS,
      settings: { window, users: pool, connections: count },
      session: (server) => ({
        driver: 'churn',
        params: { wsUrl: server.wsUrl, observer: observer!, pool: users, window, timeoutMs: TIMEOUT_MS },
      }),
      goals: () => [],
    });
  },
};
