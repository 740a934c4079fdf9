// Recognising the frame a step waits for, in whatever shape the server sent it: the event type the
// spec names, and the run's own text, message id or user id wherever they are in the frame. A frame
// recognised here is "delivered" even when misshapen; its shape is the content check's business.
import { isId, containsText, locate } from '../profile/locate.js';
import type { ChatRef, ProtocolProfile } from '../profile/types.js';
import { frameType, type Frame } from '../frames.js';
import type { Expect } from '../session.js';

export class Expectations {
  constructor(readonly profile: ProtocolProfile) {}

  /** The new_message that carries the text the checker sent. */
  newMessage(to: string, text: string): Expect {
    return { to, what: 'new_message', match: (f) => frameType(f) === 'new_message' && containsText(f.data, text) };
  }

  /** A user_typing of that user (or, when it names no user, of that chat). */
  userTyping(to: string, chat: ChatRef, userId: number): Expect {
    const { fields } = this.profile;
    return {
      to,
      what: 'user_typing',
      match: (f) => {
        if (frameType(f) !== 'user_typing') return false;
        const user = locate(f.data, fields.userId)?.value;
        if (isId(user)) return user === userId;
        return String(locate(f.data, fields.chatId)?.value) === String(chat.chatId);
      },
    };
  }

  /** An event of `type` about that message (message_read, delete_message). */
  aboutMessage(to: string, type: 'message_read' | 'delete_message', messageId: number): Expect {
    return {
      to,
      what: type,
      match: (f) => frameType(f) === type && locate(f.data, this.profile.fields.targetMessageId)?.value === messageId,
    };
  }

  /** set_online / set_offline about that user, with or without `content`. */
  presence(to: string, type: 'set_online' | 'set_offline', userId: number): Expect {
    return {
      to,
      what: type,
      match: (f) => frameType(f) === type && locate(f.data, this.profile.fields.userId)?.value === userId,
    };
  }

  /** An error, as the spec writes it or as the reference backend did (`{"error": "…"}`). */
  error(to: string): Expect {
    return { to, what: 'error', match: (f) => this.profile.errorForm(f.data) !== null };
  }
}

/** Whether a frame is presence (either kind) about that user. */
export const isPresenceOf =
  (profile: ProtocolProfile, userId: number) =>
  (frame: Frame): boolean => {
    const type = frameType(frame);
    return (
      (type === 'set_online' || type === 'set_offline') && locate(frame.data, profile.fields.userId)?.value === userId
    );
  };
