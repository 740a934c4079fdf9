// `chats-ws-protocol validate`: frames checked against the spec, one verdict each. The input is
// one JSON frame, a JSON array of frames, or JSON lines (one frame per line, as a captured
// WebSocket log is); a line that is not JSON is reported and the rest are still checked.
import { validateClientEvent, validateServerEvent } from '../protocol/index.js';
import * as v2 from '../protocol/v2/index.js';
import type { Problem } from '../protocol/index.js';

export type Sender = 'client' | 'server';

/** One frame of the input: where it is (`frame 2`, `line 7`), and its value or why it is not JSON. */
export type InputFrame = { where: string; value: unknown } | { where: string; notJson: string };

export interface ValidationReport {
  /** The lines to print: a verdict per frame (problems indented under it), then the summary. */
  lines: string[];
  total: number;
  valid: number;
  /** Frames that are JSON but break the spec. */
  invalid: number;
  notJson: number;
}

const isFrameObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The frames of an input text; empty when it holds none (only white space). A text that parses
 * as a whole is one frame, or an array of frames; otherwise each non-blank line is one frame.
 */
export function readFrames(text: string): InputFrame[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  try {
    const whole = JSON.parse(trimmed) as unknown;
    if (Array.isArray(whole) && whole.length > 0 && whole.every(isFrameObject))
      return whole.map((value, i) => ({ where: `frame ${i + 1}`, value }));
    return [{ where: 'frame 1', value: whole }];
  } catch {
    // Not one JSON document: JSON lines.
  }
  const frames: InputFrame[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const where = `line ${i + 1}`;
    try {
      frames.push({ where, value: JSON.parse(line) as unknown });
    } catch (err) {
      frames.push({ where, notJson: (err as Error).message });
    }
  });
  return frames;
}

const problemLine = (p: Problem): string => `  ${p.pointer || '(frame)'}  ${p.code}  ${p.message}`;

const typeOf = (value: unknown): string | null => {
  const type = isFrameObject(value) ? (value as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : null;
};

/** Checks every frame as sent by `sender` in that protocol version; the report says what to print and what was found. */
export function validateFrames(frames: readonly InputFrame[], sender: Sender, protocol: 1 | 2 = 1): ValidationReport {
  const validate =
    protocol === 2
      ? sender === 'server'
        ? v2.validateServerEvent
        : v2.validateClientEvent
      : sender === 'server'
        ? validateServerEvent
        : validateClientEvent;
  const report: ValidationReport = { lines: [], total: frames.length, valid: 0, invalid: 0, notJson: 0 };
  for (const frame of frames) {
    if ('notJson' in frame) {
      report.notJson++;
      report.lines.push(`${frame.where}: NOT JSON  ${frame.notJson}`);
      continue;
    }
    const result = validate(frame.value);
    if (result.ok) {
      report.valid++;
      report.lines.push(`${frame.where}: valid ${result.event.type}`);
      continue;
    }
    report.invalid++;
    const type = typeOf(frame.value);
    report.lines.push(`${frame.where}: INVALID${type ? ` ${type}` : ''}`, ...result.problems.map(problemLine));
  }
  const bad = report.invalid + report.notJson;
  const noun = report.total === 1 ? 'frame' : 'frames';
  report.lines.push(
    `${report.total} ${sender} ${noun}: ${report.valid} valid, ${bad} invalid` +
      (report.notJson ? ` (${report.notJson} not JSON)` : ''),
  );
  return report;
}
