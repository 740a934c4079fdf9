// Whether a frame the server must refuse was refused as the spec says: one error event to the
// sender, with the right code, naming the refused frame's type; the connection stays open; nothing
// is delivered to anyone. An error in the reference backend's form (`{"error": "…"}`) is still
// recognised as the answer, and reported as what it is.
import { isPlainObject } from '../../protocol/index.js';
import { Blocked } from '../blocked.js';
import { describeFrame, frameType, type Frame } from '../frames.js';
import { locate } from '../profile/locate.js';
import { Verdict } from '../results.js';
import type { Exchange, Session } from '../session.js';
import { extraLines } from './content.js';
import { elapsed, stepNotes } from './recipients.js';

export interface RefusalSpec {
  /** The accepted codes (usually one). */
  codes: readonly string[];
  /** The refused frame's `type`, or null when it could not be read. */
  eventType: string | null;
  /** A problem `content.problems` must list. */
  problem?: { pointer: string; code: string };
}

/**
 * A `rate_limited` error (with or without `event_type`: a rate limit may not say which frame it
 * refused) means the server did not judge what the checker sent: the check cannot be judged either.
 */
export function blockIfRateLimited(session: Session, ex: Exchange): void {
  const frames = [...ex.deliveries.flatMap((d) => [d.frame, d.late]), ...ex.extra];
  const limited = frames.find(
    (f) =>
      f &&
      session.profile.errorForm(f.data) === 'spec' &&
      locate(f.data, session.profile.fields.errorCode)?.value === 'rate_limited',
  );
  if (limited) {
    throw new Blocked(
      `the server rate-limited the checker instead of answering (give the test accounts a larger limit): ${limited.receiver} received ${describeFrame(limited, 200)}`,
    );
  }
}

/** `new_message reached A#1, A#2, B#1: {…}` for each type of frame delivered. */
function describeApplied(frames: readonly Frame[]): string {
  const byType = new Map<string, Frame[]>();
  for (const frame of frames) {
    const type = frameType(frame) ?? 'a frame';
    byType.set(type, [...(byType.get(type) ?? []), frame]);
  }
  return [...byType]
    .map(
      ([type, list]) => `${type} reached ${list.map((f) => f.receiver).join(', ')}: ${describeFrame(list[0] as Frame)}`,
    )
    .join('; ');
}

const quoteCodes = (codes: readonly string[]): string => codes.map((c) => JSON.stringify(c)).join(' or ');

/** The error frame's own verdict: its form, its code, its event_type, its problems. */
function judgeError(session: Session, frame: Frame, spec: RefusalSpec, strict: boolean, verdict: Verdict): void {
  const { profile } = session;
  if (profile.errorForm(frame.data) === 'reference') {
    verdict.fail(
      `the error came in the reference backend's form ${describeFrame(frame, 160)}, without "type" and "content", so its code cannot be read (expected ${quoteCodes(spec.codes)}); the spec's error event is ${profile.errorShape}`,
    );
    verdict.summary = `refused with ${describeFrame(frame, 160)}`;
    return;
  }
  const code = locate(frame.data, profile.fields.errorCode)?.value;
  for (const problem of frame.problems) verdict.fail(`the error event breaks the spec: ${problem}`);
  const extras = extraLines(frame, frame.extras);
  if (strict) verdict.fail(...extras);
  else verdict.warn(...extras);
  const message =
    isPlainObject(frame.data) && isPlainObject(frame.data.content) ? frame.data.content.message : undefined;
  if (!spec.codes.includes(String(code))) {
    verdict.fail(
      `the error's code is ${JSON.stringify(code)}, expected ${quoteCodes(spec.codes)} (message: ${JSON.stringify(message)})`,
    );
  }
  const eventType = locate(frame.data, profile.fields.errorEventType)?.value;
  if (eventType !== spec.eventType) {
    verdict.fail(`content.event_type is ${JSON.stringify(eventType)}, expected ${JSON.stringify(spec.eventType)}`);
  }
  if (spec.problem) {
    const { pointer, code: problemCode } = spec.problem;
    const problems = locate(frame.data, profile.fields.errorProblems)?.value;
    const listed =
      Array.isArray(problems) &&
      problems.some((p) => isPlainObject(p) && p.pointer === pointer && p.code === problemCode);
    if (!listed)
      verdict.fail(`content.problems does not list ${problemCode} at ${pointer}: got ${JSON.stringify(problems)}`);
  }
  verdict.summary = `refused with ${JSON.stringify(code)}: ${JSON.stringify(message)}`;
}

/** The sender got one error with the expected code, stayed connected, and nothing else was delivered. */
export function refusalVerdict(session: Session, ex: Exchange, spec: RefusalSpec, strict: boolean): Verdict {
  blockIfRateLimited(session, ex);
  const verdict = new Verdict();
  const delivery = ex.deliveries[0];
  const sender = delivery?.expect.to ?? 'the sender';
  const frame = delivery?.frame ?? delivery?.late ?? null;
  const closed = ex.closed.includes(sender);
  const expected = `an error event with code ${quoteCodes(spec.codes)} was expected`;
  if (frame) {
    if (!delivery?.frame)
      verdict.fail(`the error arrived only after ${elapsed(frame, ex.sentAt)} ms (timeout ${session.timeoutMs} ms)`);
    judgeError(session, frame, spec, strict, verdict);
    if (ex.extra.length) verdict.fail(`and yet the frame was applied: ${describeApplied(ex.extra)}`);
    if (closed) verdict.fail(`${session.closeDescription(sender)} after the error: the connection must stay open`);
  } else if (closed) {
    verdict.fail(
      `no error event: ${session.closeDescription(sender)} instead; ${expected}, and the connection kept open`,
    );
    if (ex.extra.length) verdict.fail(`and the frame was applied: ${describeApplied(ex.extra)}`);
  } else if (ex.extra.length) {
    verdict.fail(`no error event: the frame was applied — ${describeApplied(ex.extra)}`);
  } else {
    verdict.fail(`no answer within ${session.timeoutMs} ms: ${expected}`);
  }
  for (const label of ex.closed.filter((l) => l !== sender)) verdict.fail(session.closeDescription(label));
  stepNotes(verdict, ex);
  return verdict;
}
