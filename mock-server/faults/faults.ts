// Faults on demand, in the gateway's delivery path, for the mock and the proxy alike: a
// disconnect, an outage, degraded links (latency with jitter, loss, duplicates; seeded), and a
// stall. The gateway hands every frame to `divert` while `active` is true (a plain field: with no
// fault in force, a frame costs one branch); every fault begun, ended, or done to a frame is a
// record in the traffic log, and a line in the console log.
import type { MockLogger } from '../traffic/log.js';
import type { TrafficLog } from '../traffic/traffic.js';
import { type Random, seededRandom } from '../world/random.js';
import { DelayLine } from './delay-line.js';
import { type FrameFault, eventEntry, frameEntry } from './records.js';
import {
  type DisconnectSpec,
  type FaultDirection,
  type LinkRule,
  type LinkSpec,
  type OutageSpec,
  type StallSpec,
  describeLink,
} from './rules.js';

/** What the faults need of a connection (a mock's socket session, or a proxy's relay). */
export interface FaultTarget {
  readonly connection: {
    readonly id: string;
    /** null when the proxy does not know whose connection it is. */
    readonly userId: number | null;
    close(code: number, reason: string): void;
  };
  /** Delivers a frame a fault held back: "out" to the client, "in" to the server side. */
  deliver(direction: FaultDirection, data: Buffer | string, isBinary: boolean): void;
  /** Stops (true) or resumes (false) reading from the client: a stall. */
  hold(on: boolean): void;
}

export interface FaultCounts {
  delayed: number;
  dropped: number;
  duplicated: number;
  /** Frames held by a stall. */
  held: number;
  /** Connections closed by a disconnect or an outage. */
  disconnected: number;
  /** Upgrades refused during an outage. */
  refused: number;
}

/** GET /__mock/faults: every fault in force, at a glance, and what they did so far. */
export interface FaultsSnapshot {
  links: LinkRule[];
  outage: { status: number; since: string; until: string; seconds_left: number } | null;
  stall: { user: number | null; since: string; until: string | null; connections: string[] } | null;
  counts: FaultCounts;
}

/** An upgrade refused during an outage: the status, the body, and Retry-After. */
export interface OutageRefusal {
  status: number;
  body: string;
  headers: Record<string, string>;
  reason: string;
}

export interface FaultsOptions {
  traffic: TrafficLog;
  logger: MockLogger;
  /** The seed of a link that names none. */
  seed: number;
  /** Bytes one connection may have held back (by delays or a stall); frames beyond are dropped. */
  maxHeldBytes: number;
  /** Links in force from the start (the CLI's flags). */
  links?: readonly LinkSpec[];
}

interface TargetState {
  lines: Record<FaultDirection, DelayLine | null>;
  /** One generator per link and direction, seeded with the link's seed and the connection's id. */
  draws: Map<string, Random>;
  stalled: boolean;
  held: { direction: FaultDirection; data: Buffer | string; isBinary: boolean }[];
  heldBytes: number;
}

/** FNV-1a of a text: a connection's share of a link's seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const whose = (user: number | null): string => (user === null ? "everyone's" : `user ${user}'s`);

export class Faults {
  /** True while any frame may need diverting (a link, a stall, or frames still held back). */
  active = false;
  private connections: () => Iterable<FaultTarget> = () => [];
  private readonly states = new WeakMap<FaultTarget, TargetState>();
  private links: LinkRule[] = [];
  private nextLinkId = 0;
  private busyLines = 0;
  private outageState: { spec: OutageSpec; since: number; until: number; timer: NodeJS.Timeout } | null = null;
  private stallState: { spec: StallSpec; since: number; until: number | null; timer: NodeJS.Timeout | null } | null =
    null;
  private readonly counts: FaultCounts = {
    delayed: 0,
    dropped: 0,
    duplicated: 0,
    held: 0,
    disconnected: 0,
    refused: 0,
  };

  constructor(private readonly options: FaultsOptions) {
    for (const link of options.links ?? []) this.addLink(link);
  }

  /** Where the open connections are (the gateway's sessions, the proxy's relays). */
  setConnections(connections: () => Iterable<FaultTarget>): void {
    this.connections = connections;
  }

  get defaultSeed(): number {
    return this.options.seed;
  }

  // ---- faults begun and ended --------------------------------------------------------------

  /** Closes the matching connections with the code and reason; their ids. */
  disconnect(spec: DisconnectSpec): string[] {
    const closed = this.closeMatching(spec.user, spec.code, spec.reason);
    this.event(
      'disconnect',
      `disconnect: closed ${plural(closed.length, 'connection')} (${whose(spec.user)}) with ${spec.code}` +
        (spec.reason ? ` "${spec.reason}"` : ''),
      { user: spec.user, code: spec.code, reason: spec.reason, connections: closed },
      spec.user,
    );
    return closed;
  }

  /** Closes every connection with 1012 and refuses upgrades with `status` for `seconds`; the ids closed. */
  outage(spec: OutageSpec): string[] {
    const now = Date.now();
    if (this.outageState) clearTimeout(this.outageState.timer);
    const timer = setTimeout(() => this.endOutage(), spec.seconds * 1000);
    timer.unref();
    this.outageState = { spec, since: now, until: now + spec.seconds * 1000, timer };
    const closed = this.closeMatching(null, 1012, 'Service restart');
    this.event(
      'outage',
      `outage for ${spec.seconds} s: closed ${plural(closed.length, 'connection')} with 1012; upgrades refused with ` +
        `HTTP ${spec.status} until ${new Date(now + spec.seconds * 1000).toISOString()}`,
      {
        seconds: spec.seconds,
        status: spec.status,
        until: new Date(this.outageState.until).toISOString(),
        connections: closed,
      },
      null,
    );
    return closed;
  }

  /** Ends the outage (early, or when its time is up); false when there was none. */
  endOutage(): boolean {
    const state = this.outageState;
    if (!state) return false;
    clearTimeout(state.timer);
    this.outageState = null;
    const seconds = Math.round((Date.now() - state.since) / 100) / 10;
    this.event('outage_end', `outage over after ${seconds} s: upgrades are accepted again`, { seconds }, null);
    return true;
  }

  /** The refusal an upgrade gets now, or null when there is no outage. */
  refusal(): OutageRefusal | null {
    const state = this.outageState;
    if (!state) return null;
    const left = Math.max(1, Math.ceil((state.until - Date.now()) / 1000));
    this.counts.refused++;
    const reason = `an outage (a fault, POST /__mock/outage): back in ${left} s`;
    return {
      status: state.spec.status,
      body: `Service unavailable: ${reason}`,
      headers: { 'Retry-After': String(left) },
      reason,
    };
  }

  /** A degraded link, in force at once on open connections too. */
  addLink(spec: LinkSpec): LinkRule {
    const rule: LinkRule = { id: ++this.nextLinkId, ...spec, since: new Date().toISOString() };
    this.links.push(rule);
    this.refresh();
    this.event('link', `degraded link #${rule.id}: ${describeLink(rule)} (seed ${rule.seed})`, { ...rule }, rule.user);
    return rule;
  }

  /** Removes one link; false when there is no link of that id. */
  removeLink(id: number): boolean {
    const rule = this.links.find((l) => l.id === id);
    if (!rule) return false;
    this.links = this.links.filter((l) => l !== rule);
    this.refresh();
    this.event('link_removed', `degraded link #${id} removed`, { id }, rule.user);
    return true;
  }

  /** Stops answering pings and delivering frames on the matching connections, the TCP connections kept open. */
  stall(spec: StallSpec): string[] {
    if (this.stallState) this.endStall(false);
    const now = Date.now();
    let timer: NodeJS.Timeout | null = null;
    if (spec.seconds !== null) {
      timer = setTimeout(() => this.endStall(), spec.seconds * 1000);
      timer.unref();
    }
    this.stallState = { spec, since: now, until: spec.seconds === null ? null : now + spec.seconds * 1000, timer };
    const stalled: string[] = [];
    for (const target of this.connections())
      if (this.matches(spec.user, target)) {
        this.setStalled(target, true);
        stalled.push(target.connection.id);
      }
    this.refresh();
    this.event(
      'stall',
      `stall of ${whose(spec.user)} connections${spec.seconds === null ? '' : ` for ${spec.seconds} s`}: no pings answered, ` +
        `no frames delivered, TCP kept open (${plural(stalled.length, 'connection')} now)`,
      { user: spec.user, seconds: spec.seconds, connections: stalled },
      spec.user,
    );
    return stalled;
  }

  /** Ends the stall: held frames go out in order, reading resumes. False when there was none. */
  endStall(record = true): boolean {
    const state = this.stallState;
    if (!state) return false;
    if (state.timer) clearTimeout(state.timer);
    this.stallState = null;
    let released = 0;
    for (const target of this.connections()) {
      const s = this.states.get(target);
      if (!s?.stalled) continue;
      released += s.held.length;
      this.setStalled(target, false);
    }
    this.refresh();
    if (record)
      this.event(
        'stall_end',
        `stall over: ${plural(released, 'held frame')} delivered, pings answered again`,
        { released },
        state.spec.user,
      );
    return true;
  }

  /** Ends every fault in force: links, the stall, the outage. */
  clear(): { links: number; stall: boolean; outage: boolean } {
    const links = this.links.length;
    this.links = [];
    const stall = this.endStall(false);
    const outage = this.endOutage();
    this.refresh();
    this.event(
      'cleared',
      `faults cleared (${plural(links, 'link')}${stall ? ', the stall' : ''}${outage ? ', the outage' : ''})`,
      { links, stall, outage },
      null,
    );
    return { links, stall, outage };
  }

  snapshot(): FaultsSnapshot {
    const now = Date.now();
    const outage = this.outageState;
    const stall = this.stallState;
    const stalled: string[] = [];
    if (stall)
      for (const target of this.connections()) if (this.states.get(target)?.stalled) stalled.push(target.connection.id);
    return {
      links: this.links.map((l) => ({ ...l })),
      outage: outage && {
        status: outage.spec.status,
        since: new Date(outage.since).toISOString(),
        until: new Date(outage.until).toISOString(),
        seconds_left: Math.max(0, Math.round((outage.until - now) / 100) / 10),
      },
      stall: stall && {
        user: stall.spec.user,
        since: new Date(stall.since).toISOString(),
        until: stall.until === null ? null : new Date(stall.until).toISOString(),
        connections: stalled,
      },
      counts: { ...this.counts },
    };
  }

  /** Clears every timer (the server is closing). */
  close(): void {
    if (this.outageState) clearTimeout(this.outageState.timer);
    if (this.stallState?.timer) clearTimeout(this.stallState.timer);
    this.outageState = null;
    this.stallState = null;
    for (const target of this.connections()) {
      const state = this.states.get(target);
      state?.lines.in?.clear();
      state?.lines.out?.clear();
      this.release(target);
    }
  }

  /** A stalled connection about to close: read again (its close handshake needs it), held frames dropped. */
  private release(target: FaultTarget): void {
    const state = this.states.get(target);
    if (!state?.stalled) return;
    state.stalled = false;
    state.held = [];
    state.heldBytes = 0;
    try {
      target.hold(false);
    } catch {
      // Closed already.
    }
  }

  // ---- the delivery path ---------------------------------------------------------------------

  /**
   * A frame on its way (called only while `active`): true when the faults took it (dropped, or
   * held to be delivered later through `target.deliver`); false when it goes on now, as usual.
   */
  divert(target: FaultTarget, direction: FaultDirection, data: Buffer | string, isBinary: boolean): boolean {
    const state = this.stateOf(target);
    if (state.stalled) {
      this.hold(target, state, direction, data, isBinary);
      return true;
    }
    return this.route(target, state, direction, data, isBinary);
  }

  /** A connection opened: a stall in force takes it too. */
  opened(target: FaultTarget): void {
    const stall = this.stallState;
    if (stall && this.matches(stall.spec.user, target)) this.setStalled(target, true);
  }

  /** Whether the connection is stalled (the mock's heartbeat leaves it alone meanwhile). */
  isStalled(target: FaultTarget): boolean {
    return this.states.get(target)?.stalled === true;
  }

  private route(
    target: FaultTarget,
    state: TargetState,
    direction: FaultDirection,
    data: Buffer | string,
    isBinary: boolean,
  ): boolean {
    const { id, userId } = target.connection;
    let delay = 0;
    let drop = false;
    let duplicate = false;
    const matched: number[] = [];
    for (const link of this.links) {
      if ((link.user !== null && link.user !== userId) || (link.direction !== null && link.direction !== direction))
        continue;
      matched.push(link.id);
      const draw = this.drawsOf(state, link, id, direction);
      // Always the same draws in the same order, whatever the outcome: a run can be reproduced.
      if (link.drop_rate > 0 && draw.next() < link.drop_rate) drop = true;
      if (link.duplicate_rate > 0 && draw.next() < link.duplicate_rate) duplicate = true;
      delay += link.latency_ms + (link.jitter_ms > 0 ? (2 * draw.next() - 1) * link.jitter_ms : 0);
    }
    const line = state.lines[direction];
    const queued = line !== null && line.size > 0;
    if (!matched.length && !queued) return false;
    const frame = { direction, user: userId, connection: id, data, isBinary };
    if (drop) {
      this.counts.dropped++;
      this.record(
        'dropped',
        `dropped by degraded link ${matched.map((m) => `#${m}`).join(', ')}`,
        { links: matched },
        frame,
      );
      return true;
    }
    const now = Date.now();
    const wanted = now + Math.max(0, Math.round(delay));
    const copies = duplicate ? 2 : 1;
    if (wanted <= now && copies === 1 && !queued) return false;
    const delayLine = line ?? this.lineOf(target, state, direction);
    if (delayLine.bytes + data.length * copies > this.options.maxHeldBytes) {
      this.counts.dropped++;
      this.record(
        'dropped',
        `dropped: more than ${this.options.maxHeldBytes} bytes already held back on this connection`,
        { links: matched, held_bytes: delayLine.bytes },
        frame,
      );
      return true;
    }
    const due = delayLine.dueAfter(wanted);
    for (let i = 0; i < copies; i++) delayLine.push(due, data, isBinary);
    if (due > now && matched.length) {
      this.counts.delayed++;
      this.record(
        'delayed',
        `delayed ${due - now} ms by degraded link ${matched.map((m) => `#${m}`).join(', ')}`,
        {
          delay_ms: due - now,
          links: matched,
        },
        frame,
      );
    }
    if (duplicate) {
      this.counts.duplicated++;
      this.record(
        'duplicated',
        `duplicated by degraded link ${matched.map((m) => `#${m}`).join(', ')}`,
        { links: matched },
        frame,
      );
    }
    return true;
  }

  private hold(
    target: FaultTarget,
    state: TargetState,
    direction: FaultDirection,
    data: Buffer | string,
    isBinary: boolean,
  ): void {
    const frame = { direction, user: target.connection.userId, connection: target.connection.id, data, isBinary };
    if (state.heldBytes + data.length > this.options.maxHeldBytes) {
      this.counts.dropped++;
      this.record('dropped', `dropped during a stall: more than ${this.options.maxHeldBytes} bytes held`, {}, frame);
      return;
    }
    state.held.push({ direction, data, isBinary });
    state.heldBytes += data.length;
    this.counts.held++;
    this.record('held', 'held by a stall: delivered when it ends', {}, frame);
  }

  private setStalled(target: FaultTarget, on: boolean): void {
    const state = this.stateOf(target);
    if (state.stalled === on) return;
    state.stalled = on;
    try {
      target.hold(on);
    } catch {
      // A socket that closed meanwhile.
    }
    if (on) return;
    const held = state.held;
    state.held = [];
    state.heldBytes = 0;
    for (const item of held)
      if (!this.route(target, state, item.direction, item.data, item.isBinary))
        target.deliver(item.direction, item.data, item.isBinary);
  }

  private closeMatching(user: number | null, code: number, reason: string): string[] {
    const closed: string[] = [];
    for (const target of [...this.connections()]) {
      if (!this.matches(user, target)) continue;
      closed.push(target.connection.id);
      this.release(target);
      try {
        target.connection.close(code, reason);
      } catch {
        // Closing already.
      }
    }
    this.counts.disconnected += closed.length;
    return closed;
  }

  private matches(user: number | null, target: FaultTarget): boolean {
    return user === null || target.connection.userId === user;
  }

  private stateOf(target: FaultTarget): TargetState {
    let state = this.states.get(target);
    if (!state) {
      state = { lines: { in: null, out: null }, draws: new Map(), stalled: false, held: [], heldBytes: 0 };
      this.states.set(target, state);
    }
    return state;
  }

  private lineOf(target: FaultTarget, state: TargetState, direction: FaultDirection): DelayLine {
    const line = new DelayLine(
      (data, isBinary) => target.deliver(direction, data, isBinary),
      (busy) => {
        this.busyLines += busy ? 1 : -1;
        this.refresh();
      },
    );
    state.lines[direction] = line;
    return line;
  }

  private drawsOf(state: TargetState, link: LinkRule, connectionId: string, direction: FaultDirection): Random {
    const key = `${link.id}:${direction}`;
    let draw = state.draws.get(key);
    if (!draw) {
      draw = seededRandom((link.seed ^ hash(`${connectionId}:${direction}`)) >>> 0);
      state.draws.set(key, draw);
    }
    return draw;
  }

  private refresh(): void {
    this.active = this.links.length > 0 || this.stallState !== null || this.busyLines > 0;
  }

  private event(
    fault: Parameters<typeof eventEntry>[0],
    note: string,
    details: Record<string, unknown>,
    user: number | null,
  ): void {
    this.options.traffic.add(eventEntry(fault, note, details, user));
    this.options.logger.warn(`fault: ${note}`, { fault, ...details });
  }

  private record(
    what: FrameFault,
    note: string,
    details: Record<string, unknown>,
    frame: Parameters<typeof frameEntry>[3],
  ): void {
    this.options.traffic.add(frameEntry(what, note, details, frame));
    if (what === 'dropped' || what === 'duplicated')
      this.options.logger.info(
        `fault: ${frame.direction} frame on conn ${frame.connection}${frame.user === null ? '' : ` (user ${frame.user})`} ${note}`,
      );
  }
}
