// Every frame in and out, and every handshake and close, recorded for the check that is running:
// the evidence a failing check shows, and what --trace prints as it happens.

export type TraceDirection = 'out' | 'in' | 'event';

export interface TraceLine {
  /** When (ms since the epoch, the checker's clock). */
  readonly at: number;
  /** The connection, e.g. `A#1`. */
  readonly connection: string;
  /** `out`: sent by the checker; `in`: received; `event`: a handshake, a refusal, a close. */
  readonly direction: TraceDirection;
  readonly text: string;
}

export interface TraceListener {
  /** A step begins; `checks` are the checks it decides. */
  begin?(checks: readonly string[], at: number): void;
  line?(line: TraceLine, sinceBegin: number): void;
}

export class Tracer {
  #lines: TraceLine[] = [];
  #began = Date.now();
  readonly #listener: TraceListener | undefined;

  constructor(listener?: TraceListener) {
    this.#listener = listener;
  }

  /** Starts collecting for a step; what was collected before is dropped. */
  begin(checks: readonly string[]): void {
    this.#lines = [];
    this.#began = Date.now();
    this.#listener?.begin?.(checks, this.#began);
  }

  add(connection: string, direction: TraceDirection, text: string, at = Date.now()): void {
    const line = { at, connection, direction, text };
    this.#lines.push(line);
    this.#listener?.line?.(line, at - this.#began);
  }

  /** What the current step has seen so far. */
  lines(): TraceLine[] {
    return [...this.#lines];
  }

  get began(): number {
    return this.#began;
  }
}

const ARROW: Readonly<Record<TraceDirection, string>> = { out: '→', in: '←', event: '·' };

/** One trace line for people: `+12 ms  A#1 → {"type":…}`. */
export function formatTraceLine(line: TraceLine, since: number, max = 240): string {
  const text = line.text.length > max ? `${line.text.slice(0, max)}… (${line.text.length} chars)` : line.text;
  return `+${String(Math.max(0, line.at - since)).padStart(4)} ms  ${line.connection} ${ARROW[line.direction]} ${text}`;
}
