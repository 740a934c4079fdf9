// The world's users, messages and files as protocol version 2 shows them: the backend's
// serializers (chats/serializers.py, files/serializers.py of the reference backend). The socket
// and the HTTP endpoints both use these, so both show the same message the same way.
import type { File, Message, ReplyMessage, User } from '../../protocol/v2/index.js';
import type { StoredMessage, World, WorldUser } from '../domain/index.js';

/** The mock's users have no e-mail address; each gets one from its id. */
export const emailOf = (userId: number): string => `user${userId}@example.com`;

export function userV2(world: World, user: Pick<WorldUser, 'id' | 'first_name' | 'last_name' | 'avatar'>): User {
  return {
    id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    avatar: user.avatar,
    email: emailOf(user.id),
    is_online: world.online.has(user.id),
  };
}

function authorOf(world: World, id: number): User {
  const user = world.users.get(id);
  return userV2(world, user ?? { id, first_name: 'Unknown', last_name: `user ${id}`, avatar: null });
}

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
};

/**
 * A file the client attached by URL: name and extension from the URL's last segment, the media
 * type from the extension, size 0 (the mock never downloads it), uploaded by the author when the
 * message was sent.
 */
export function fileV2(url: string, message: Pick<StoredMessage, 'author_id' | 'created_at'>): File {
  let segment = url;
  try {
    segment = new URL(url).pathname;
  } catch {
    // Not an absolute URL: take the text as it is.
  }
  let base = segment.split(/[/?#]/).filter(Boolean).pop() ?? '';
  try {
    base = decodeURIComponent(base);
  } catch {
    // Not valid percent-encoding: keep it as written.
  }
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  return {
    name: dot > 0 ? base.slice(0, dot) : base,
    extension,
    mime_type: MEDIA_TYPES[extension] ?? 'application/octet-stream',
    size: 0,
    link: url,
    user: message.author_id,
    datetime_uploaded: message.created_at,
  };
}

/** The message a message answers, one level deep (its own reply_to an id, no files). */
function replyV2(world: World, message: StoredMessage): ReplyMessage {
  return {
    id: message.id,
    author: authorOf(world, message.author_id),
    text: message.text,
    reply_to: message.reply_to,
    created_at: message.created_at,
    is_read: message.is_read,
    is_deleted: message.is_deleted,
    is_edited: message.is_edited === true,
  };
}

/** A stored message as version 2 shows it; a reply to a message the world no longer holds shows null. */
export function messageV2(world: World, message: StoredMessage): Message {
  const answered = message.reply_to === null ? undefined : world.messages.get(message.reply_to);
  return {
    id: message.id,
    author: authorOf(world, message.author_id),
    text: message.text,
    reply_to: answered ? replyV2(world, answered) : null,
    created_at: message.created_at,
    is_read: message.is_read,
    is_deleted: message.is_deleted,
    is_edited: message.is_edited === true,
    files: (message.files ?? []).map((url) => fileV2(url, message)),
  };
}
