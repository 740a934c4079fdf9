// Reading the command line's values (shared by chats-ws-mock and the proxy): each parser throws
// commander's InvalidArgumentError with a sentence saying what is expected.
import { InvalidArgumentError } from 'commander';
import { type RateLimit, normalizeHostName, normalizeOrigin, parseRateLimit } from '../gateway/limits.js';

export const integer =
  (name: string, min: number, max: number) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min || n > max)
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}.`);
    return n;
  };

export const factor = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError('must be a number >= 0 (1 is human pace, 0.1 ten times faster).');
  return n;
};

export const rate = (value: string): RateLimit => {
  try {
    return parseRateLimit(value);
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}.`);
  }
};

export const origins = (value: string, previous: string[] | undefined): string[] => {
  try {
    return [...(previous ?? []), normalizeOrigin(value)];
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}.`);
  }
};

export const hosts = (value: string, previous: string[] | undefined): string[] => {
  try {
    return [...(previous ?? []), normalizeHostName(value)];
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}.`);
  }
};

export const pingRate = (value: string): RateLimit | null => (value.trim() === 'off' ? null : rate(value));

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kib: 1024,
  kb: 1024,
  mib: 1024 ** 2,
  mb: 1024 ** 2,
  gib: 1024 ** 3,
};

/** "16MiB", "512KiB", "1048576" -> bytes. */
export const size =
  (name: string, min: number) =>
  (value: string): number => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
    const n = match ? Math.round(Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? NaN)) : NaN;
    if (!Number.isSafeInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} is a size such as 16MiB, 512KiB or 1048576 (at least ${min} bytes).`);
    return n;
  };
