// A bigger world for the stress tests: `users` users, projects of `projectSize` members (each user
// in a few), one message in each project to read. Tokens are minted by the mock as for any world.
export interface StressWorld {
  users: { id: number; first_name: string; last_name: string }[];
  projects: { id: number; title: string; leader_id: number; collaborator_ids: number[] }[];
  messages: {
    id: number;
    chat_type: 'project';
    chat_id: number;
    author_id: number;
    text: string;
    created_at: string;
  }[];
}

export function stressWorld(users: number, projects: number, projectSize: number): StressWorld {
  const ids = Array.from({ length: users }, (_, i) => i + 1);
  const world: StressWorld = {
    users: ids.map((id) => ({ id, first_name: `User${id}`, last_name: 'Stress' })),
    projects: [],
    messages: [],
  };
  for (let p = 0; p < projects; p++) {
    const members = Array.from({ length: projectSize }, (_, k) => ((p * 7 + k * 13) % users) + 1);
    const unique = [...new Set(members)];
    const [leader = 1, ...rest] = unique;
    world.projects.push({ id: 1000 + p, title: `Project ${p}`, leader_id: leader, collaborator_ids: rest });
    world.messages.push({
      id: p + 1,
      chat_type: 'project',
      chat_id: 1000 + p,
      author_id: leader,
      text: `Welcome to project ${p}`,
      created_at: '2026-01-01T10:00:00.000Z',
    });
  }
  return world;
}

/**
 * The message store's cap for these tests: they check that every message is stored once, so
 * nothing may be evicted (the default of 2000 is the hostile-input bound, tested on its own).
 */
export const UNCAPPED = 10_000_000;
