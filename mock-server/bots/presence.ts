// Whether the simulated users show as online. A world starts with them online (they answer); with
// the bots off nobody answers, so they are offline unless someone connected as one of them.
import type { World } from '../domain/index.js';

/** Marks every simulated user offline, except those with an open connection. */
export function takeBotsOffline(world: World, isConnected: (userId: number) => boolean): void {
  for (const user of world.users.values()) {
    if (user.bot && !isConnected(user.id)) world.online.delete(user.id);
  }
}
