// session.open and presence.*: connecting, client-sent presence, and closing connections.
import { field, frameType, type Frame } from '../frames.js';
import { combine, contentVerdict, expectAt, presenceValues, recipientsVerdict } from '../judge.js';
import { Verdict } from '../results.js';
import { A1, A2, B1, deliver, type Context } from './context.js';

const presenceOf =
  (userId: number) =>
  (frame: Frame): boolean => {
    const type = frameType(frame);
    return (type === 'set_online' || type === 'set_offline') && field(frame, 'content.user_id') === userId;
  };

/**
 * Opens A#1 and A#2, then B#1 (whose arrival A's connections must hear about). Returns whether all
 * three are open: every later check needs them.
 */
export async function openSession(ctx: Context): Promise<boolean> {
  const { session, results } = ctx;
  const failures: string[] = [];
  let openA: Verdict | null = null;

  await ctx.guard(['session.open'], async () => {
    // Whether A's second connection makes the server say set_online about A again is not specified.
    const ex = await session.exchange(
      async () => {
        for (const label of [A1, A2]) {
          const result = await session.open(label, session.a);
          if (typeof result === 'string') failures.push(result);
        }
      },
      [],
      { tolerate: presenceOf(session.a.id) },
    );
    openA = recipientsVerdict(session, ex);
  });
  if (failures.length || results.status('session.open')) {
    if (!results.status('session.open')) results.record('session.open', new Verdict().fail(...failures));
    results.skip('presence.connect', 'the session could not be opened (see session.open)');
    return false;
  }

  let openB: string | null = null;
  await ctx.guard(['session.open', 'presence.connect'], async () => {
    const started = Date.now();
    const ex = await session.exchange(async () => {
      const result = await session.open(B1, session.b);
      if (typeof result === 'string') openB = result;
    }, [expectAt(A1, 'set_online'), expectAt(A2, 'set_online')]);
    if (openB) {
      results.record('session.open', new Verdict().fail(openB));
      results.skip('presence.connect', 'the session could not be opened (see session.open)');
      return;
    }
    results.record(
      'session.open',
      combine(
        `${A1}, ${A2} (user ${session.a.id}) and ${B1} (user ${session.b.id}) connected with the ${session.transport} transport`,
        openA,
      ),
    );
    const recipients = recipientsVerdict(session, ex);
    const content = contentVerdict(ex, presenceValues(session.b.id), `user_id ${session.b.id}`);
    results.record(
      'presence.connect',
      combine(`${recipients.summary}${content ? `; user_id ${session.b.id}` : ''}`, recipients, content),
      Date.now() - started,
    );
  });
  return results.status('session.open') === 'pass';
}

/** Client-sent presence, then closing A's second connection and B's only one. */
export async function presenceEndChecks(ctx: Context): Promise<void> {
  const { session, results } = ctx;
  const b = session.b.id;
  for (const type of ['set_offline', 'set_online'] as const) {
    await deliver(ctx, {
      single: `presence.${type}`,
      from: B1,
      frame: { type, content: {} },
      type,
      to: [A1, A2, B1],
      values: presenceValues(b),
      verified: `user_id ${b}`,
    });
  }

  await ctx.guard(['presence.not-last-connection'], async () => {
    const started = Date.now();
    const ex = await session.exchange(() => session.close(A2), []);
    const verdict = recipientsVerdict(session, ex);
    verdict.summary = `nothing arrived after ${A2} closed while ${A1} stayed open`;
    results.record('presence.not-last-connection', verdict, Date.now() - started);
  });

  await ctx.guard(['presence.disconnect'], async () => {
    const started = Date.now();
    const ex = await session.exchange(() => session.close(B1), [expectAt(A1, 'set_offline')]);
    const recipients = recipientsVerdict(session, ex);
    const content = contentVerdict(ex, presenceValues(b), `user_id ${b}`);
    results.record(
      'presence.disconnect',
      combine(`${recipients.summary}${content ? `; user_id ${b}` : ''}`, recipients, content),
      Date.now() - started,
    );
  });
}
