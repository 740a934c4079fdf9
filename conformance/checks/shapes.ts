// The two shapes most checks take: an event that must reach certain connections with certain
// values, and a frame that must be refused. Both run inside a step (see Context.step).
import { contentVerdict } from '../judge/content.js';
import { recipientsVerdict } from '../judge/recipients.js';
import { blockIfRateLimited, refusalVerdict, type RefusalSpec } from '../judge/refusal.js';
import type { FieldExpectation } from '../profile/types.js';
import { Verdict } from '../results.js';
import type { Exchange, Expect } from '../session.js';
import type { Context } from './context.js';

export interface DeliverySpec {
  /** Records `<name>.recipients` and `<name>.content`, unless `single` names one check for both. */
  name?: string;
  single?: string;
  from: string;
  frame: object;
  /** The server event every recipient must get (one per connection). */
  expects: readonly Expect[];
  mustNot?: Readonly<Record<string, string>>;
  /** The fields each copy must carry; without them only the recipients are judged. */
  values?: readonly FieldExpectation[];
  /** What a passing content check verified. */
  verified: string;
}

/** Sends an event and judges who received what, and what it carried. */
export async function deliver(ctx: Context, spec: DeliverySpec): Promise<Exchange> {
  const { session } = ctx;
  const ex = await session.exchange(() => void session.send(spec.from, spec.frame), spec.expects);
  blockIfRateLimited(session, ex);
  const recipients = recipientsVerdict(session, ex, spec.mustNot ? { mustNot: spec.mustNot } : {});
  const content = spec.values ? contentVerdict(ex, spec.values, spec.verified, ctx.strict) : null;
  const what = spec.expects[0]?.what ?? 'frame';
  if (spec.single) {
    const verdict = new Verdict(
      content || !spec.values ? `${recipients.summary}; ${spec.verified}` : recipients.summary,
    );
    ctx.record(spec.single, verdict.merge(recipients).merge(content ?? new Verdict()));
    return ex;
  }
  ctx.record(`${spec.name}.recipients`, recipients);
  if (content) ctx.record(`${spec.name}.content`, content);
  else
    ctx.results.block(
      `${spec.name}.content`,
      `no ${what} arrived to judge (see ${spec.name}.recipients)`,
      session.tracer.lines(),
    );
  return ex;
}

/** Sends a frame the server must refuse with an error event to the sender, delivering nothing. */
export async function refuse(
  ctx: Context,
  name: string,
  from: string,
  frame: unknown,
  spec: RefusalSpec,
): Promise<void> {
  const { session } = ctx;
  const ex = await session.exchange(() => void session.send(from, frame), [ctx.expect.error(from)]);
  ctx.record(name, refusalVerdict(session, ex, spec, ctx.strict));
}
