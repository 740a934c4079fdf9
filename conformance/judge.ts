// Turning what an exchange saw into verdicts: who received what, whether the values are right,
// whether a refusal was the right one.
import { isPlainObject, TYPING_DURATION_MS } from '../protocol/index.js';
import { describeFrame, field, frameType, type Frame } from './frames.js';
import { Verdict } from './results.js';
import type { Exchange, Expect, Session } from './session.js';

/** Expects a frame of one event type about this run at a connection. */
export const expectAt = (to: string, type: string, match: (frame: Frame) => boolean = () => true): Expect => ({
  to,
  what: type,
  match: (frame) => frameType(frame) === type && match(frame),
});

const elapsed = (frame: Frame, since: number): number => Math.max(0, frame.at - since);

function unexpected(frame: Frame): string {
  const why = frame.problems.length ? ` — breaks the spec: ${frame.problems.join('; ')}` : '';
  return `unexpected frame at ${frame.receiver}: ${describeFrame(frame)}${why}`;
}

/** Notes shared by every verdict of a step: frames about other users, tolerated frames, reconnects. */
function stepNotes(verdict: Verdict, ex: Exchange): void {
  for (const label of ex.reopened) verdict.note(`${label} was reconnected first: the server had closed it`);
  for (const frame of ex.tolerated) verdict.note(`allowed at ${frame.receiver}: ${describeFrame(frame, 160)}`);
  for (const frame of ex.unrelated)
    verdict.note(`unrelated (other users or chats) at ${frame.receiver}: ${describeFrame(frame, 160)}`);
}

export interface RecipientsOptions {
  /** Connections that must not receive the event, and why, e.g. `{ 'A#1': 'A is the typist' }`. */
  mustNot?: Readonly<Record<string, string>>;
}

/** Every expected frame arrived within the timeout, and nothing else about this run arrived. */
export function recipientsVerdict(session: Session, ex: Exchange, options: RecipientsOptions = {}): Verdict {
  const verdict = new Verdict();
  const times: number[] = [];
  for (const { expect, frame, late } of ex.deliveries) {
    if (frame) times.push(elapsed(frame, ex.sentAt));
    else if (late)
      verdict.fail(
        `${expect.to} received ${expect.what} only after ${elapsed(late, ex.sentAt)} ms (timeout ${session.timeoutMs} ms)`,
      );
    else verdict.fail(`${expect.to} received no ${expect.what} within ${session.timeoutMs} ms`);
  }
  const mustNot = options.mustNot ?? {};
  for (const frame of ex.extra) {
    const reason = mustNot[frame.receiver];
    const type = frameType(frame);
    if (reason !== undefined && type !== undefined && ex.deliveries.some((d) => d.expect.what === type)) {
      verdict.fail(`${frame.receiver} received ${type}, which it must not (${reason}): ${describeFrame(frame)}`);
    } else verdict.fail(unexpected(frame));
  }
  for (const label of ex.closed) verdict.fail(session.closeDescription(label));
  stepNotes(verdict, ex);
  const who = ex.deliveries.map((d) => d.expect.to);
  const slowest = times.length ? Math.max(...times) : 0;
  verdict.summary = who.length
    ? `received by ${[...new Set(who)].join(', ')} within ${slowest} ms; nothing else arrived`
    : 'nothing arrived, as expected';
  return verdict;
}

/** The frames an exchange received (in time or late), for judging their values. */
export const receivedFrames = (ex: Exchange): Frame[] =>
  ex.deliveries.flatMap((d) => (d.frame ? [d.frame] : d.late ? [d.late] : []));

/**
 * Each received frame validates and has the right values, and every recipient got the same content.
 * Returns null when no frame arrived (nothing to judge).
 */
export function contentVerdict(ex: Exchange, values: (frame: Frame) => string[], summary: string): Verdict | null {
  const frames = receivedFrames(ex);
  if (frames.length === 0) return null;
  const byProblem = new Map<string, string[]>();
  for (const frame of frames) {
    for (const problem of [...frame.problems, ...values(frame)]) {
      byProblem.set(problem, [...(byProblem.get(problem) ?? []), frame.receiver]);
    }
  }
  const verdict = new Verdict(summary);
  for (const [problem, receivers] of byProblem) verdict.fail(`${receivers.join(', ')}: ${problem}`);
  const [first, ...others] = frames;
  if (first) {
    const text = JSON.stringify(field(first, 'content'));
    const differing = others.find((f) => JSON.stringify(field(f, 'content')) !== text);
    if (differing) {
      verdict.fail(
        `the copies differ: ${first.receiver} got ${describeFrame(first, 160)}, ${differing.receiver} got ${describeFrame(differing, 160)}`,
      );
    }
  }
  return verdict;
}

export interface RefusalSpec {
  /** The accepted codes (usually one). */
  codes: readonly string[];
  /** The refused frame's `type`, or null when it could not be read. */
  eventType: string | null;
  /** A problem `content.problems` must list. */
  problem?: { pointer: string; code: string };
}

/** The sender got one valid error event with the expected code, stayed connected, and nothing else was delivered. */
export function refusalVerdict(session: Session, ex: Exchange, spec: RefusalSpec): Verdict {
  const verdict = new Verdict();
  const delivery = ex.deliveries[0];
  const frame = delivery?.frame ?? delivery?.late ?? null;
  if (!delivery || !frame) {
    verdict.fail(`${delivery?.expect.to ?? 'the sender'} received no error within ${session.timeoutMs} ms`);
  } else {
    if (!delivery.frame)
      verdict.fail(`the error arrived only after ${elapsed(frame, ex.sentAt)} ms (timeout ${session.timeoutMs} ms)`);
    for (const problem of frame.problems) verdict.fail(`the error event breaks the spec: ${problem}`);
    const code = field(frame, 'content.code');
    const message = field(frame, 'content.message');
    if (!spec.codes.includes(String(code))) {
      verdict.fail(
        `the error's code is ${JSON.stringify(code)}, expected ${spec.codes.map((c) => JSON.stringify(c)).join(' or ')} (message: ${JSON.stringify(message)})`,
      );
    }
    const eventType = field(frame, 'content.event_type');
    if (eventType !== spec.eventType) {
      verdict.fail(`content.event_type is ${JSON.stringify(eventType)}, expected ${JSON.stringify(spec.eventType)}`);
    }
    if (spec.problem) {
      const { pointer, code: problemCode } = spec.problem;
      const problems = field(frame, 'content.problems');
      const listed =
        Array.isArray(problems) &&
        problems.some((p) => isPlainObject(p) && p.pointer === pointer && p.code === problemCode);
      if (!listed)
        verdict.fail(`content.problems does not list ${problemCode} at ${pointer}: got ${JSON.stringify(problems)}`);
    }
    verdict.summary = `refused with ${JSON.stringify(code)}: ${JSON.stringify(message)}`;
  }
  for (const extra of ex.extra)
    verdict.fail(
      `delivered although the frame was refused: ${unexpected(extra).replace(/^unexpected frame at /, 'at ')}`,
    );
  for (const label of ex.closed)
    verdict.fail(`${session.closeDescription(label)} after the error: the connection must stay open`);
  stepNotes(verdict, ex);
  return verdict;
}

// ---- values of server events -------------------------------------------------------------------

const show = (value: unknown): string => (value === undefined ? 'missing' : JSON.stringify(value));

function equals(frame: Frame, path: string, expected: unknown): string[] {
  const actual = field(frame, path);
  return actual === expected ? [] : [`${path} is ${show(actual)}, expected ${JSON.stringify(expected)}`];
}

export interface ChatRef {
  chatType: 'direct' | 'project';
  chatId: string | number;
}

const chatValues = (frame: Frame, chat: ChatRef): string[] => [
  ...equals(frame, 'content.chat_type', chat.chatType),
  ...equals(frame, 'content.chat_id', chat.chatId),
];

const CLOCK_TOLERANCE_MS = 5 * 60_000;

export function newMessageValues(chat: ChatRef, expected: { authorId: number; text: string; replyTo: number | null }) {
  return (frame: Frame): string[] => {
    const problems = [
      ...chatValues(frame, chat),
      ...equals(frame, 'content.message.author.id', expected.authorId),
      ...equals(frame, 'content.message.text', expected.text),
      ...equals(frame, 'content.message.reply_to', expected.replyTo),
      ...equals(frame, 'content.message.is_read', false),
      ...equals(frame, 'content.message.is_deleted', false),
    ];
    const createdAt = field(frame, 'content.message.created_at');
    const time = typeof createdAt === 'string' ? Date.parse(createdAt) : NaN;
    if (Number.isFinite(time) && Math.abs(time - frame.at) > CLOCK_TOLERANCE_MS) {
      problems.push(
        `content.message.created_at is ${createdAt}, more than 5 minutes from the checker's clock (${new Date(frame.at).toISOString()})`,
      );
    }
    return problems;
  };
}

/** How far `end_time` may be from arrival + 5 s (network, and clocks that are not quite in step). */
export const END_TIME_TOLERANCE_MS = 3000;

export function typingValues(chat: ChatRef, userId: number) {
  return (frame: Frame): string[] => {
    const problems = [...chatValues(frame, chat), ...equals(frame, 'content.user_id', userId)];
    const endTime = field(frame, 'content.end_time');
    const time = typeof endTime === 'string' ? Date.parse(endTime) : NaN;
    if (Number.isFinite(time)) {
      const ahead = time - frame.at;
      if (ahead <= 0)
        problems.push(`content.end_time ${endTime} is in the past (${-ahead} ms before the frame arrived)`);
      else if (Math.abs(ahead - TYPING_DURATION_MS) > END_TIME_TOLERANCE_MS) {
        problems.push(
          `content.end_time ${endTime} is ${ahead} ms after the frame arrived, expected about ${TYPING_DURATION_MS} ms`,
        );
      }
    }
    return problems;
  };
}

export function messageReadValues(chat: ChatRef, userId: number, messageId: number) {
  return (frame: Frame): string[] => [
    ...chatValues(frame, chat),
    ...equals(frame, 'content.user_id', userId),
    ...equals(frame, 'content.message_id', messageId),
  ];
}

export function deleteMessageValues(chat: ChatRef, messageId: number) {
  return (frame: Frame): string[] => [...chatValues(frame, chat), ...equals(frame, 'content.message_id', messageId)];
}

export function presenceValues(userId: number) {
  return (frame: Frame): string[] => equals(frame, 'content.user_id', userId);
}

/** Problems and notes of `from`, e.g. a content verdict folded into a single check. */
export function combine(summary: string, ...verdicts: (Verdict | null)[]): Verdict {
  const verdict = new Verdict(summary);
  for (const v of verdicts) if (v) verdict.merge(v);
  return verdict;
}
