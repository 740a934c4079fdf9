import type { DirectChatId } from '../generated/types.js';

const FORMAT = /^([1-9][0-9]{0,15})_([1-9][0-9]{0,15})$/;

/** The backend's text for a direct chat id in the wrong format or order. */
export const chatIdOrderMessage = (chatId: string): string =>
  `Chat id "${chatId}" is not in the format of <user1_id>_<user2_id>, where user1_id < user2_id`;

/**
 * The id of the direct chat of two users: both ids joined by `_`, the smaller first, in numeric
 * order (`directChatId(10, 9)` is `"9_10"`).
 */
export function directChatId(userA: number, userB: number): DirectChatId {
  for (const id of [userA, userB]) {
    if (!Number.isSafeInteger(id) || id < 1) throw new RangeError(`A user id must be a positive integer, got ${id}`);
  }
  if (userA === userB) throw new RangeError(`A direct chat needs two different users, got ${userA} twice`);
  return userA < userB ? `${userA}_${userB}` : `${userB}_${userA}`;
}

/** Compares two decimal strings without leading zeros, exactly, whatever their size. */
function lessThan(a: string, b: string): boolean {
  return a.length !== b.length ? a.length < b.length : a < b;
}

/**
 * The two user ids of a direct chat id, or null when it is not `"{smaller}_{larger}"`.
 */
export function parseDirectChatId(chatId: string): [low: number, high: number] | null {
  const match = FORMAT.exec(chatId);
  if (!match?.[1] || !match[2] || !lessThan(match[1], match[2])) return null;
  return [Number(match[1]), Number(match[2])];
}

/** Whether a string that matches the id format has its smaller id first. */
export function isOrderedDirectChatId(chatId: string): boolean {
  const match = FORMAT.exec(chatId);
  return Boolean(match?.[1] && match[2] && lessThan(match[1], match[2]));
}
