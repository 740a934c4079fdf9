// The pure chat model: no sockets, no timers.
export type * from './types.js';
export { handleClientEvent } from './handle.js';
export { resolveChat, refusalText, type ChatAddress } from './chat-access.js';
export { userConnected, userDisconnected, presenceChanged } from './presence.js';
export {
  createWorld,
  exportWorld,
  storeMessage,
  projectMemberIds,
  toWireMessage,
  toWireUser,
  chatMessages,
  type WorldData,
  type WorldOptions,
} from './world.js';
