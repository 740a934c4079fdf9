// The one entry of the domain: (world, acting user, client event, now) -> deliveries or an error event.
import { deleteMessage, editMessage, messageRead, newMessage, userTyping } from './chat-events.js';
import { presenceChanged } from './presence.js';
import type { DomainEvent, DomainResult, World } from './types.js';

/**
 * Applies a schema-valid client event sent by `userId` to the world (which it mutates, as a
 * database would) and says who receives which server event, or which error answers the sender.
 */
export function handleClientEvent(world: World, userId: number, event: DomainEvent, now: Date): DomainResult {
  switch (event.type) {
    case 'new_message':
      return newMessage(world, userId, event, now);
    case 'user_typing':
      return userTyping(world, userId, event, now);
    case 'message_read':
      return messageRead(world, userId, event);
    case 'delete_message':
      return deleteMessage(world, userId, event);
    case 'edit_message':
      return editMessage(world, userId, event);
    case 'set_online':
      return { ok: true, deliveries: presenceChanged(world, userId, true) };
    case 'set_offline':
      return { ok: true, deliveries: presenceChanged(world, userId, false) };
  }
}
