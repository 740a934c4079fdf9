// Presence: a user's first connection, last disconnection, and the client's set_online / set_offline.
import type { Delivery, World } from './types.js';

/** A user's first connection opened: mark online and tell every other connected user. */
export function userConnected(world: World, userId: number): Delivery[] {
  world.online.add(userId);
  return [{ to: { kind: 'everyone', except: userId }, event: { type: 'set_online', content: { user_id: userId } } }];
}

/** A user's last connection closed: mark offline and tell every connected user. */
export function userDisconnected(world: World, userId: number): Delivery[] {
  world.online.delete(userId);
  return [{ to: { kind: 'everyone' }, event: { type: 'set_offline', content: { user_id: userId } } }];
}

/** A client sent set_online / set_offline: every connected user, the sender included, is told. */
export function presenceChanged(world: World, userId: number, online: boolean): Delivery[] {
  if (online) world.online.add(userId);
  else world.online.delete(userId);
  return [
    { to: { kind: 'everyone' }, event: { type: online ? 'set_online' : 'set_offline', content: { user_id: userId } } },
  ];
}
