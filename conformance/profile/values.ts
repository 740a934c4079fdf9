// What a field's value must be: small judges that return what is wrong, one phrase each, without
// the field's name (the caller puts the place in front: `content.message.text is …`).
import { TYPING_DURATION_MS } from '../../protocol/index.js';

/** Judges one value; `arrivedAt` is when the frame arrived (the checker's clock, ms). */
export type ValueJudge = (value: unknown, arrivedAt: number) => string[];

export const show = (value: unknown, max = 80): string => {
  const text = value === undefined ? 'missing' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
};

export const equalTo =
  (expected: unknown): ValueJudge =>
  (value) =>
    value === expected ? [] : [`is ${show(value)}, expected ${JSON.stringify(expected)}`];

/** The text the checker sent, stripped of the white space around it. */
export const strippedText =
  (expected: string): ValueJudge =>
  (value) => {
    if (value === expected) return [];
    const why =
      typeof value === 'string' && value.trim() === expected
        ? ' (the server must strip leading and trailing white space)'
        : '';
    return [`is ${show(value)}, expected ${JSON.stringify(expected)}${why}`];
  };

/** A number read as a time: seconds since the epoch below 1e11, else milliseconds. */
const epochMs = (value: number): number => (Math.abs(value) < 1e11 ? value * 1000 : value);

const describeEpoch = (value: number): string =>
  `a number (${value}: epoch ${Math.abs(value) < 1e11 ? 'seconds' : 'milliseconds'}, ${new Date(epochMs(value)).toISOString()})`;

/** A time: an ISO 8601 string; a number is reported as the epoch time it seems to be. */
function readTime(value: unknown): { ms: number; problems: string[] } {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return { ms: epochMs(value), problems: [`is ${describeEpoch(value)}; the spec wants an ISO 8601 string`] };
  }
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms)
    ? { ms, problems: [] }
    : { ms: NaN, problems: [`is ${show(value)}, not an ISO 8601 time`] };
}

const CLOCK_TOLERANCE_MS = 5 * 60_000;

/** A creation time: ISO 8601, within 5 minutes of the checker's clock. */
export const recentTime: ValueJudge = (value, arrivedAt) => {
  const { ms, problems } = readTime(value);
  if (Number.isFinite(ms) && Math.abs(ms - arrivedAt) > CLOCK_TOLERANCE_MS) {
    problems.push(
      `is ${show(value)}, more than 5 minutes from the checker's clock (${new Date(arrivedAt).toISOString()})`,
    );
  }
  return problems;
};

/** How far `end_time` may be from arrival + 5 s (network, and clocks that are not quite in step). */
export const END_TIME_TOLERANCE_MS = 3000;

/** A typing indicator's end: ISO 8601, about 5 s after the frame arrived. */
export const typingEnd: ValueJudge = (value, arrivedAt) => {
  const { ms, problems } = readTime(value);
  if (!Number.isFinite(ms)) return problems;
  const ahead = Math.round(ms - arrivedAt);
  if (ahead <= 0) problems.push(`is ${show(value)}, in the past (${-ahead} ms before the frame arrived)`);
  else if (Math.abs(ahead - TYPING_DURATION_MS) > END_TIME_TOLERANCE_MS) {
    problems.push(`is ${show(value)}, ${ahead} ms after the frame arrived, expected about ${TYPING_DURATION_MS} ms`);
  }
  return problems;
};

const AUTHOR_SHAPE = '{id, first_name, last_name, avatar}';

/** The author object of a message, whose `id` is the expected user's. */
export const authorObject =
  (userId: number): ValueJudge =>
  (value) => {
    if (typeof value === 'number') {
      const who = value === userId ? 'the author' : `user ${value}, expected ${userId}`;
      return [`is a number (${value}: ${who}); the spec wants the author object ${AUTHOR_SHAPE}`];
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return [`is ${show(value)}; the spec wants the author object ${AUTHOR_SHAPE}`];
    }
    const id = (value as Record<string, unknown>).id;
    return id === userId ? [] : [`.id is ${show(id)}, expected ${userId}`];
  };

/** `reply_to`: the id of the message answered, or null. */
export const replyTo =
  (expected: number | null): ValueJudge =>
  (value) => {
    if (value === expected) return [];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const id = (value as Record<string, unknown>).id;
      const which = id === expected ? `the message answered, ${expected}` : `id ${show(id)}`;
      return [
        `is an object (${which}); the spec wants the id of the message answered${expected === null ? '' : ` (${expected})`}, or null`,
      ];
    }
    return [`is ${show(value)}, expected ${JSON.stringify(expected)}`];
  };

/** Any positive integer id (which one is the same in every copy, checked elsewhere). */
export const positiveId: ValueJudge = (value) =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0
    ? []
    : [`is ${show(value)}, expected a positive integer`];

/** `reply_to` in protocol 2: the message answered, serialised (its `id` the expected one), or null. */
export const replyToMessage =
  (expected: number | null): ValueJudge =>
  (value) => {
    if (expected === null) return value === null ? [] : [`is ${show(value)}, expected null`];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const id = (value as Record<string, unknown>).id;
      return id === expected ? [] : [`.id is ${show(id)}, expected ${expected}`];
    }
    return [`is ${show(value)}; version 2 wants the message answered (${expected}) as an object`];
  };
