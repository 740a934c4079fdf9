// The string formats the generated validators check, as `ajv-formats` exports them (`fullFormats`),
// with one fast path: a date-time in the canonical shape every server of this protocol writes
// (`2026-11-29T08:00:00.000Z`, Date#toISOString) is checked character by character, with exactly
// ajv-formats' rules (month 1–12, the day within its month and leap years, 00–23:00–59:00–59).
// Every other string — another shape, an offset, a leap second — goes to ajv-formats' own check,
// so the verdict is always the same as ajv-formats' (a property test holds them side by side).
// It is the hot path of validating a server event: ajv-formats' regexes and splits cost more than
// the rest of a message's schema.
import * as formatsNamespace from 'ajv-formats/dist/formats.js';

interface FormatDefinition {
  validate: (value: string) => boolean;
  compare?: (a: string, b: string) => number | undefined;
}

// A CommonJS module: Node, vitest and esbuild shape its namespace differently (as the generated
// validators' `cjs()` says); the module object is `default` only when it carries `__esModule`.
type FormatsModule = { fullFormats: Record<string, FormatDefinition> };
const namespace = formatsNamespace as unknown as FormatsModule & { default?: FormatsModule & { __esModule?: boolean } };
const ajvFormats: FormatsModule = namespace.default?.__esModule ? namespace.default : namespace;
const fullDateTime = ajvFormats.fullFormats['date-time'] as FormatDefinition;

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ZERO = 48;

/** Two decimal digits at `i` as a number, or -1. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - ZERO;
  const b = text.charCodeAt(i + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** True when `text` is a valid `YYYY-MM-DDTHH:MM:SS.sssZ`; false when it is not in that shape or not valid in it. */
function canonicalDateTime(text: string): boolean {
  if (
    text.length !== 24 ||
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 || // .
    text.charCodeAt(23) !== 90 // Z
  )
    return false;
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const millis = twoDigits(text, 20);
  const lastDigit = text.charCodeAt(22) - ZERO;
  if (century < 0 || yy < 0 || millis < 0 || lastDigit < 0 || lastDigit > 9) return false;
  if (month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return false;
  if (second < 0 || second > 59) return false;
  const year = century * 100 + yy;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS[month] as number));
}

const dateTime: FormatDefinition = {
  ...fullDateTime,
  validate: (text: string): boolean => canonicalDateTime(text) || fullDateTime.validate(text),
};

/** ajv-formats' formats, the date-time with its fast path: what the generated validators import. */
export const fullFormats: Record<string, FormatDefinition> = { ...ajvFormats.fullFormats, 'date-time': dateTime };
