// session.open and presence.*: connecting, client-sent presence, and closing connections.
import { contentVerdict } from '../judge/content.js';
import { isPresenceOf } from '../judge/expect.js';
import { recipientsVerdict } from '../judge/recipients.js';
import { Verdict } from '../results.js';
import { A1, A2, B1, step, type Context, type Step } from './context.js';
import { deliver } from './shapes.js';

const NOT_OPEN = 'the session could not be opened (see session.open)';

/**
 * Opens A#1 and A#2, then B#1 (whose arrival A's connections must hear about), recording
 * session.open and presence.connect. Returns why the session could not be opened, or null.
 */
export async function openSession(ctx: Context): Promise<string | null> {
  const { session, results, profile } = ctx;
  const { a, b } = session;
  const failures: string[] = [];
  // Whether A's second connection makes the server say set_online about A again is not specified.
  const exA = await session.exchange(
    async () => {
      for (const label of [A1, A2]) {
        const result = await session.open(label, a);
        if (typeof result === 'string') failures.push(result);
      }
    },
    [],
    { tolerate: isPresenceOf(profile, a.id) },
  );
  const fail = (why: string): string => {
    ctx.record('session.open', new Verdict().fail(why));
    results.block('presence.connect', NOT_OPEN, session.tracer.lines());
    return why;
  };
  if (failures[0]) return fail(failures.join('; '));

  let openB: string | null = null;
  const ex = await session.exchange(
    async () => {
      const result = await session.open(B1, b);
      if (typeof result === 'string') openB = result;
    },
    [A1, A2].map((to) => ctx.expect.presence(to, 'set_online', b.id)),
  );
  if (openB) return fail(openB);
  const opened = new Verdict(
    `${A1}, ${A2} (user ${a.id}) and ${B1} (user ${b.id}) connected with the ${session.transport} transport`,
  );
  ctx.record('session.open', opened.merge(recipientsVerdict(session, exA)));
  const recipients = recipientsVerdict(session, ex);
  const content = contentVerdict(ex, profile.expect.presence(b.id), `user_id ${b.id}`, ctx.strict);
  const verdict = new Verdict(`${recipients.summary}${content ? `; user_id ${b.id}` : ''}`).merge(recipients);
  ctx.record('presence.connect', content ? verdict.merge(content) : verdict);
  return null;
}

/** Opening the session, as a step of its own (later steps open it when they need it). */
export const sessionStep = (ctx: Context): Step => step(['session.open', 'presence.connect'], () => ctx.needSession());

/** The client-sent presence steps. */
export function presenceSteps(ctx: Context): Step[] {
  const { session, profile } = ctx;
  const b = session.b.id;
  return [
    ...(['set_offline', 'set_online'] as const).map((type) =>
      step([`presence.${type}`], async () => {
        await ctx.needSession();
        await deliver(ctx, {
          single: `presence.${type}`,
          from: B1,
          frame: profile.build.presence(type),
          expects: [A1, A2, B1].map((to) => ctx.expect.presence(to, type, b)),
          values: profile.expect.presence(b),
          verified: `user_id ${b}`,
        });
      }),
    ),
  ];
}

/** Closing A's second connection, then B's only one: run last, after the clean-up. */
export function closingSteps(ctx: Context): Step[] {
  const { session, profile } = ctx;
  const b = session.b.id;
  return [
    step(['presence.not-last-connection'], async () => {
      await ctx.needSession();
      const ex = await session.exchange(() => session.close(A2), []);
      const verdict = recipientsVerdict(session, ex);
      verdict.summary = `nothing arrived after ${A2} closed while ${A1} stayed open`;
      ctx.record('presence.not-last-connection', verdict);
    }),
    step(['presence.disconnect'], async () => {
      await ctx.needSession();
      const ex = await session.exchange(() => session.close(B1), [ctx.expect.presence(A1, 'set_offline', b)]);
      const recipients = recipientsVerdict(session, ex);
      const content = contentVerdict(ex, profile.expect.presence(b), `user_id ${b}`, ctx.strict);
      const verdict = new Verdict(`${recipients.summary}${content ? `; user_id ${b}` : ''}`).merge(recipients);
      ctx.record('presence.disconnect', content ? verdict.merge(content) : verdict);
    }),
  ];
}
