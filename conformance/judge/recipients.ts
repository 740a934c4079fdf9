// Who received what: every expected frame arrived within the timeout, at the right connections,
// and nothing else about this run arrived.
import { describeFrame, frameType, type Frame } from '../frames.js';
import { Verdict } from '../results.js';
import type { Exchange, Session } from '../session.js';

export const elapsed = (frame: Frame, since: number): number => Math.max(0, frame.at - since);

export function describeUnexpected(frame: Frame): string {
  const why = frame.problems.length ? ` — breaks the spec: ${frame.problems.join('; ')}` : '';
  return `${describeFrame(frame)}${why}`;
}

/** Notes shared by every verdict of a step: frames about other users, tolerated frames, reconnects. */
export function stepNotes(verdict: Verdict, ex: Exchange): void {
  for (const label of ex.reopened) verdict.note(`${label} was reconnected first: the server had closed it`);
  for (const frame of ex.tolerated) verdict.note(`allowed at ${frame.receiver}: ${describeFrame(frame, 160)}`);
  for (const frame of ex.unrelated)
    verdict.note(`unrelated (other users or chats) at ${frame.receiver}: ${describeFrame(frame, 160)}`);
}

/** Another connection of the same user that has received frames, when `label` has received none. */
function silentSibling(session: Session, label: string): string | undefined {
  const user = session.userOf(label);
  if (!user || session.client(label).log.length > 0) return undefined;
  return session.labels().find((l) => l !== label && session.userOf(l) === user && session.client(l).log.length > 0);
}

export interface RecipientsOptions {
  /** Connections that must not receive the event, and why, e.g. `{ 'A#1': 'A is the typist' }`. */
  mustNot?: Readonly<Record<string, string>>;
}

/** Every expected frame arrived within the timeout, and nothing else about this run arrived. */
export function recipientsVerdict(session: Session, ex: Exchange, options: RecipientsOptions = {}): Verdict {
  const verdict = new Verdict();
  const times: number[] = [];
  const extra = [...ex.extra];
  /** The first unexpected frame at a connection, taken out of the list to be named where it belongs. */
  const instead = (label: string): string => {
    const index = extra.findIndex((f) => f.receiver === label && options.mustNot?.[label] === undefined);
    if (index < 0) return '';
    const [frame] = extra.splice(index, 1);
    return frame ? `; instead it received ${describeUnexpected(frame)}` : '';
  };
  for (const { expect, frame, late } of ex.deliveries) {
    if (frame) times.push(elapsed(frame, ex.sentAt));
    else if (late)
      verdict.fail(
        `${expect.to} received ${expect.what} only after ${elapsed(late, ex.sentAt)} ms (timeout ${session.timeoutMs} ms)`,
      );
    else {
      verdict.fail(`${expect.to} received no ${expect.what} within ${session.timeoutMs} ms${instead(expect.to)}`);
      const sibling = silentSibling(session, expect.to);
      if (sibling) {
        verdict.note(
          `${expect.to} has received no frame at all since it connected, while ${sibling} (the same user) has: does the server deliver to only one connection per user?`,
        );
      }
    }
  }
  const mustNot = options.mustNot ?? {};
  for (const frame of extra) {
    const reason = mustNot[frame.receiver];
    const type = frameType(frame);
    if (reason !== undefined && type !== undefined && ex.deliveries.some((d) => d.expect.what === type)) {
      verdict.fail(`${frame.receiver} received ${type}, which it must not (${reason}): ${describeFrame(frame)}`);
    } else verdict.fail(`unexpected frame at ${frame.receiver}: ${describeUnexpected(frame)}`);
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
