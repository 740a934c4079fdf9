// A degraded link for a whole run, from the command line of the mock and of the proxy: the flags
// are the fields of POST /__mock/faults (--latency-ms 200 is {"latency_ms": 200}).
import { type Command, InvalidArgumentError } from 'commander';
import type { LinkInput } from './control.js';
import { MAX_FAULT_SECONDS } from './rules.js';

export interface FaultFlags {
  latencyMs?: number;
  jitterMs?: number;
  dropRate?: number;
  duplicateRate?: number;
  faultUser?: number;
  faultDirection?: 'in' | 'out';
  faultSeed?: number;
}

const whole =
  (name: string, max: number) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n > max)
      throw new InvalidArgumentError(`${name} must be an integer from 0 to ${max}.`);
    return n;
  };

const share =
  (name: string) =>
  (value: string): number => {
    const n = Number(value.trim().endsWith('%') ? Number(value.trim().slice(0, -1)) / 100 : value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
      throw new InvalidArgumentError(`${name} is a share from 0 to 1 (0.1, or 10%).`);
    return n;
  };

const direction = (value: string): 'in' | 'out' => {
  if (value === 'in' || value === 'out') return value;
  throw new InvalidArgumentError('in (client → server) or out (server → client); leave it out for both.');
};

/** Adds --latency-ms, --jitter-ms, --drop-rate, --duplicate-rate, --fault-user, --fault-direction, --fault-seed. */
export function addFaultOptions(command: Command): Command {
  const maxMs = MAX_FAULT_SECONDS * 1000;
  return command
    .option(
      '--latency-ms <ms>',
      'degraded link for the whole run: delay every frame this long',
      whole('--latency-ms', maxMs),
    )
    .option(
      '--jitter-ms <ms>',
      '… plus or minus up to this much per frame (frames stay in order)',
      whole('--jitter-ms', maxMs),
    )
    .option('--drop-rate <share>', '… lose this share of frames (0.1 or 10%)', share('--drop-rate'))
    .option('--duplicate-rate <share>', '… deliver this share of frames twice', share('--duplicate-rate'))
    .option(
      '--fault-direction <in|out>',
      '… only frames going this way (in: client → server, out: server → client)',
      direction,
    )
    .option('--fault-user <id>', "… only this user's connections", whole('--fault-user', Number.MAX_SAFE_INTEGER))
    .option('--fault-seed <n>', "seed of the link's draws (default: --seed)", whole('--fault-seed', 2 ** 32 - 1));
}

/** The degraded link the flags ask for, or null when none of the link's flags is given. */
export function linkFromFlags(flags: FaultFlags): LinkInput | null {
  const { latencyMs, jitterMs, dropRate, duplicateRate } = flags;
  if (latencyMs === undefined && jitterMs === undefined && dropRate === undefined && duplicateRate === undefined)
    return null;
  return {
    ...(latencyMs !== undefined ? { latency_ms: latencyMs } : {}),
    ...(jitterMs !== undefined ? { jitter_ms: jitterMs } : {}),
    ...(dropRate !== undefined ? { drop_rate: dropRate } : {}),
    ...(duplicateRate !== undefined ? { duplicate_rate: duplicateRate } : {}),
    ...(flags.faultUser !== undefined ? { user: flags.faultUser } : {}),
    ...(flags.faultDirection !== undefined ? { direction: flags.faultDirection } : {}),
    ...(flags.faultSeed !== undefined ? { seed: flags.faultSeed } : {}),
  };
}

/** The help's section on faults (both commands). */
export const FAULTS_HELP = `
Faults (also at runtime: POST /__mock/faults, /disconnect, /outage, /stall; the inspector's buttons):
  --latency-ms 200 --jitter-ms 50             every frame 150-250 ms late, in order
  --drop-rate 0.1 --fault-direction out        one server frame in ten lost
  --duplicate-rate 5% --fault-user 12          one frame in twenty of user 12's delivered twice
`;
