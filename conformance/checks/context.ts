// What every group of checks works with, and the two shapes most checks take: an event that must
// reach certain connections with certain values, and a frame that must be refused.
import type { ClientEvent } from '../../protocol/index.js';
import type { Frame } from '../frames.js';
import {
  combine,
  contentVerdict,
  expectAt,
  receivedFrames,
  recipientsVerdict,
  refusalVerdict,
  type RefusalSpec,
} from '../judge.js';
import { Verdict, type Results } from '../results.js';
import type { Exchange, Session } from '../session.js';

/** The run's connections: user A twice (to see that every connection of a user gets its frames), user B once. */
export const A1 = 'A#1';
export const A2 = 'A#2';
export const B1 = 'B#1';

export class Context {
  constructor(
    readonly session: Session,
    readonly results: Results,
  ) {}

  /** A text unique to this run, so its frames can be told from other traffic. */
  text(what: string): string {
    return `conformance ${this.session.options.runId} ${what}`;
  }

  /** Runs a check's body; a bug or a surprise in it fails the checks it was to decide, with the reason. */
  async guard(names: readonly string[], body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      for (const name of names) {
        if (this.results.status(name) === undefined)
          this.results.record(name, new Verdict().fail(`the check could not run: ${reason}`));
      }
    }
  }
}

export interface DeliverySpec {
  /** Records `<name>.recipients` and `<name>.content`, unless `single` names one check for both. */
  name?: string;
  single?: string;
  from: string;
  frame: ClientEvent;
  /** The server event's type every recipient must get. */
  type: string;
  to: readonly string[];
  mustNot?: Readonly<Record<string, string>>;
  /** The values each copy must have; without it only the recipients are judged. */
  values?: (frame: Frame) => string[];
  /** What a passing content check verified. */
  verified: string;
  match?: (frame: Frame) => boolean;
}

/** Sends an event and judges who received what. Returns the exchange (or null when it could not run). */
export async function deliver(ctx: Context, spec: DeliverySpec): Promise<Exchange | null> {
  const names = spec.single ? [spec.single] : [`${spec.name}.recipients`, `${spec.name}.content`];
  let exchange: Exchange | null = null;
  await ctx.guard(names, async () => {
    const started = Date.now();
    const ex = await ctx.session.exchange(
      () => ctx.session.send(spec.from, spec.frame),
      spec.to.map((to) => expectAt(to, spec.type, spec.match)),
    );
    exchange = ex;
    const took = Date.now() - started;
    const recipients = recipientsVerdict(ctx.session, ex, spec.mustNot ? { mustNot: spec.mustNot } : {});
    const content = spec.values ? contentVerdict(ex, spec.values, spec.verified) : null;
    if (spec.single) {
      const summary = content || !spec.values ? `${recipients.summary}; ${spec.verified}` : recipients.summary;
      ctx.results.record(spec.single, combine(summary, recipients, content), took);
      return;
    }
    ctx.results.record(`${spec.name}.recipients`, recipients, took);
    if (content) ctx.results.record(`${spec.name}.content`, content, took);
    else ctx.results.skip(`${spec.name}.content`, `no ${spec.type} arrived to check (see ${spec.name}.recipients)`);
  });
  return exchange;
}

/** Sends a frame the server must refuse with an error event to the sender, delivering nothing. */
export async function refuse(
  ctx: Context,
  name: string,
  from: string,
  frame: unknown,
  spec: RefusalSpec,
): Promise<void> {
  await ctx.guard([name], async () => {
    const started = Date.now();
    const ex = await ctx.session.exchange(() => ctx.session.send(from, frame), [expectAt(from, 'error')]);
    ctx.results.record(name, refusalVerdict(ctx.session, ex, spec), Date.now() - started);
  });
}

/** The message id the server gave, read from the sender's copy when it has one. */
export function messageIdOf(ex: Exchange | null, sender: string): number | null {
  if (!ex) return null;
  const frames = receivedFrames(ex).sort((x, y) => Number(y.receiver === sender) - Number(x.receiver === sender));
  for (const frame of frames) {
    const content = frame.data as { content?: { message?: { id?: unknown } } } | undefined;
    const id = content?.content?.message?.id;
    if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return id;
  }
  return null;
}
