// The direct-chat scenarios' shared shape: users 1..8 as 4 pairs (1 and 2, 3 and 4, ...), one
// connection each, every connection sending one frame to its partner's direct chat, 16 in flight.
import { directChatId } from '../../protocol/index.js';
import type { Attribution } from '../load/windowed.js';
import type { BenchUser } from '../types.js';
import { benchUsers } from '../world.js';
import { directGoals, runSocketScenario } from './socket.js';
import type { ScenarioContext, ScenarioResult } from './types.js';

/** The longest one load phase may take. */
const TIMEOUT_MS = 60_000;
const PAIRS = 4;
const WINDOW = 16;

/** Connection i's partner is connection i ^ 1. */
export const pairOf = (connection: number): number => connection ^ 1;

export interface DirectPairsLoad {
  /** The frame a connection sends, given its direct chat with its partner. */
  frame(chatId: string): string;
  deliveriesPerFrame: number;
  attribution(users: readonly BenchUser[]): Attribution;
}

export function runDirectPairs(name: string, context: ScenarioContext, load: DirectPairsLoad): Promise<ScenarioResult> {
  const users = benchUsers(context.world, 1, PAIRS * 2);
  const count = context.quick ? 10_000 : 100_000;
  return runSocketScenario(name, context, {
    unit: 'frames',
    warmup: context.quick ? 2000 : 10_000,
    count,
    timeoutMs: TIMEOUT_MS,
    settings: { connections: users.length, window: WINDOW, frames: count },
    session: (server) => ({
      driver: 'windowed',
      params: {
        wsUrl: server.wsUrl,
        users,
        senders: users.map((user, connection) => ({
          connection,
          frame: load.frame(directChatId(user.id, users[pairOf(connection)]!.id)),
        })),
        window: WINDOW,
        deliveriesPerFrame: load.deliveriesPerFrame,
        attribution: load.attribution(users),
        timeoutMs: TIMEOUT_MS,
      },
    }),
    goals: directGoals,
  });
}
