// Faults from code (`mock.faults`, `proxy.faults`): the control API's operations with typed
// arguments. A wrong argument throws a RangeError listing every problem, as startMockServer does.
import type { Faults, FaultsSnapshot } from './faults.js';
import {
  type FaultDirection,
  type LinkRule,
  type Parsed,
  parseDisconnectSpec,
  parseLinkSpec,
  parseOutageSpec,
  parseStallSpec,
} from './rules.js';

/** A degraded link as code asks for it (the body of POST /__mock/faults). */
export interface LinkInput {
  latency_ms?: number;
  jitter_ms?: number;
  drop_rate?: number;
  duplicate_rate?: number;
  user?: number;
  /** "in" client → server, "out" server → client; both when absent. */
  direction?: FaultDirection | 'both';
  seed?: number;
}

export interface FaultsControl {
  /** Closes the matching connections (every one, or `user`'s) with `code` (1012) and `reason`; their ids. */
  disconnect(options?: { user?: number; code?: number; reason?: string }): string[];
  /** Closes every connection with 1012 and refuses upgrades with `status` (503, Retry-After) for `seconds`. */
  outage(options: { seconds: number; status?: number }): string[];
  /** Ends the outage early; false when there was none. */
  endOutage(): boolean;
  /** Delays, drops or duplicates the matching frames from now on, open connections included. */
  degrade(link: LinkInput): LinkRule;
  /** Removes one degraded link; false when there is no such id. */
  removeLink(id: number): boolean;
  /** The matching connections stop getting frames and pong answers (TCP kept open), for `seconds` or until `endStall`. */
  stall(options?: { user?: number; seconds?: number }): string[];
  endStall(): boolean;
  /** Ends every fault in force. */
  clear(): { links: number; stall: boolean; outage: boolean };
  /** Every fault in force, and what they did so far. */
  active(): FaultsSnapshot;
}

function orThrow<T>(parsed: Parsed<T>, what: string): T {
  if (!parsed.ok) throw new RangeError(`${what}: ${parsed.errors.join('; ')}`);
  return parsed.value;
}

export function faultsControl(faults: Faults): FaultsControl {
  return {
    disconnect: (options = {}) => faults.disconnect(orThrow(parseDisconnectSpec(options), 'disconnect')),
    outage: (options) => faults.outage(orThrow(parseOutageSpec(options), 'outage')),
    endOutage: () => faults.endOutage(),
    degrade: (link) => faults.addLink(orThrow(parseLinkSpec(link, faults.defaultSeed), 'degraded link')),
    removeLink: (id) => faults.removeLink(id),
    stall: (options = {}) => faults.stall(orThrow(parseStallSpec(options), 'stall')),
    endStall: () => faults.endStall(),
    clear: () => faults.clear(),
    active: () => faults.snapshot(),
  };
}
