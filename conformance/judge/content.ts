// Whether a frame carries the right values where the spec puts them. Each expected field is looked
// for where the spec says, then anywhere in the frame: a field found elsewhere is one precise
// problem ("the message id found at /content/message_id (101), the spec puts it at
// /content/message/id") and its value is still judged. Schema problems those lines already explain
// are not repeated; extra fields are warnings, or problems with --strict.
import { fieldLabel, valueAt, type Problem } from '../../protocol/index.js';
import { formatProblem, type Frame } from '../frames.js';
import { locate } from '../profile/locate.js';
import type { FieldExpectation } from '../profile/types.js';
import { show } from '../profile/values.js';
import { Verdict } from '../results.js';
import type { Exchange } from '../session.js';

export interface FrameJudgement {
  readonly problems: string[];
  readonly warnings: string[];
}

const within = (pointer: string, ancestor: string): boolean =>
  pointer === ancestor || pointer.startsWith(`${ancestor}/`);

/** Extra fields as report lines. */
export function extraLines(frame: Frame, extras: readonly Problem[]): string[] {
  return extras.map((p) => `extra field ${p.pointer} (${show(valueAt(frame.data, p.pointer), 60)}): not in the spec`);
}

/** Judges one frame against the fields it must carry. */
export function judgeFrame(frame: Frame, expectations: readonly FieldExpectation[], strict: boolean): FrameJudgement {
  const problems: string[] = [];
  const missing: FieldExpectation[] = [];
  /** Places whose schema problems a line here already explains. */
  const explained: string[] = [];
  /** Places where a field was found instead of where the spec puts it. */
  const relocated: string[] = [];

  for (const expectation of expectations) {
    const { field, judge, prefer } = expectation;
    const found = locate(frame.data, field, prefer);
    if (!found) {
      missing.push(expectation);
      explained.push(field.pointer);
      continue;
    }
    if (!found.atSpec) {
      problems.push(
        `${field.label} found at ${found.pointer} (${show(found.value, 60)}), the spec puts it at ${field.pointer}`,
      );
      explained.push(field.pointer);
      relocated.push(found.pointer);
    }
    const wrong = judge(found.value, frame.at);
    const label = fieldLabel(found.pointer);
    for (const phrase of wrong) problems.push(phrase.startsWith('.') ? `${label}${phrase}` : `${label} ${phrase}`);
    if (wrong.length) explained.push(found.pointer);
  }
  if (missing.length) {
    problems.push(
      `missing: ${missing.map(({ field }) => `${field.label} (the spec puts it at ${field.pointer})`).join(', ')}`,
    );
  }

  const isExplained = (p: Problem): boolean =>
    explained.includes(p.pointer) ||
    (p.code === 'missing_field' && explained.some((place) => within(place, p.pointer))) ||
    (p.code === 'unknown_field' && relocated.some((place) => within(place, p.pointer)));
  for (const p of frame.issues) if (!isExplained(p)) problems.push(formatProblem(p));
  if (frame.data === undefined) problems.push(...frame.problems);
  const extras = extraLines(
    frame,
    frame.extras.filter((p) => !isExplained(p)),
  );
  return strict ? { problems: [...problems, ...extras], warnings: [] } : { problems, warnings: extras };
}

/** The frames an exchange received (in time or late), for judging their values. */
export const receivedFrames = (ex: Exchange): Frame[] =>
  ex.deliveries.flatMap((d) => (d.frame ? [d.frame] : d.late ? [d.late] : []));

/**
 * Each received frame carries the right values, and every recipient got the same frame. Returns
 * null when no frame arrived (nothing to judge). Problems found in several copies are listed once,
 * with every connection that had them.
 */
export function contentVerdict(
  ex: Exchange,
  expectations: readonly FieldExpectation[],
  summary: string,
  strict: boolean,
): Verdict | null {
  const frames = receivedFrames(ex);
  if (frames.length === 0) return null;
  const byProblem = new Map<string, string[]>();
  const byWarning = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, line: string, receiver: string): void => {
    map.set(line, [...(map.get(line) ?? []), receiver]);
  };
  for (const frame of frames) {
    const { problems, warnings } = judgeFrame(frame, expectations, strict);
    for (const line of problems) add(byProblem, line, frame.receiver);
    for (const line of warnings) add(byWarning, line, frame.receiver);
  }
  const verdict = new Verdict(summary);
  for (const [line, receivers] of byProblem) verdict.fail(`${receivers.join(', ')}: ${line}`);
  for (const [line, receivers] of byWarning) verdict.warn(`${receivers.join(', ')}: ${line}`);
  const [first, ...others] = frames;
  const differing =
    first && others.find((f) => f.text !== first.text && JSON.stringify(f.data) !== JSON.stringify(first.data));
  if (first && differing) {
    verdict.fail(`the copies differ: ${first.receiver} got ${first.text}, ${differing.receiver} got ${differing.text}`);
  }
  return verdict;
}
