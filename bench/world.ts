// The world both servers are driven with: numbered users, and one project whose chat has
// PROJECT_MEMBERS members. The mock loads it as its fixtures; the bare server needs none of it.
import { benchToken } from './tokens.js';
import type { BenchUser } from './types.js';

export const PROJECT_ID = 1;
export const PROJECT_MEMBERS = 100;

/** The world as the mock's fixtures file holds it (see mock-server/domain/world.ts, WorldData). */
export interface BenchWorld {
  users: { id: number; first_name: string; last_name: string; avatar: null; bot: false; token: string }[];
  projects: { id: number; title: string; leader_id: number; collaborator_ids: number[] }[];
  messages: never[];
}

/** Users 1..userCount; project PROJECT_ID led by user 1 with users 2..PROJECT_MEMBERS. */
export function benchWorld(userCount: number): BenchWorld {
  const users = Array.from({ length: userCount }, (_, i) => ({
    id: i + 1,
    first_name: 'Bench',
    last_name: `User ${i + 1}`,
    avatar: null,
    bot: false as const,
    token: benchToken(i + 1),
  }));
  const collaborators = users.slice(1, PROJECT_MEMBERS).map((u) => u.id);
  return {
    users,
    projects: [{ id: PROJECT_ID, title: 'Bench project', leader_id: 1, collaborator_ids: collaborators }],
    messages: [],
  };
}

/** Users `from`..`from + count - 1` of the world, as the load generator connects them. */
export function benchUsers(world: BenchWorld, from: number, count: number): BenchUser[] {
  const users = world.users.slice(from - 1, from - 1 + count);
  if (users.length < count) throw new Error(`the bench world has no users ${from}..${from + count - 1}`);
  return users.map((u) => ({ id: u.id, token: u.token }));
}
