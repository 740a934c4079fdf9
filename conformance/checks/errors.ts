// errors.*: frames the server must answer with an error event, after which the connection still works.
import { isPresenceOf } from '../judge/expect.js';
import { recipientsVerdict } from '../judge/recipients.js';
import { Verdict } from '../results.js';
import { A1, step, type Context, type Step } from './context.js';
import { refuse } from './shapes.js';

/** A text frame that is not JSON. */
export const INVALID_JSON = '{"type": "new_message", "content": {';

export function errorSteps(ctx: Context): Step[] {
  const { session, profile } = ctx;
  const { build } = profile;
  const chat = ctx.chat('direct');
  // A type no version of the protocol has, or will have: never an action on the server's data.
  const unknownType = `conformance_probe_${session.options.runId}`;
  const noReplyTo = (): object => build.newMessage(chat, ctx.text('no reply_to'), undefined);

  return [
    step(['errors.invalid_json'], async () => {
      await ctx.needSession();
      await refuse(ctx, 'errors.invalid_json', A1, INVALID_JSON, { codes: ['invalid_json'], eventType: null });
    }),
    step(['errors.unknown_event_type'], async () => {
      await ctx.needSession();
      await refuse(ctx, 'errors.unknown_event_type', A1, build.unknownType(unknownType), {
        codes: ['unknown_event_type'],
        eventType: unknownType,
      });
    }),
    step(['errors.missing-reply_to'], async () => {
      await ctx.needSession();
      await refuse(ctx, 'errors.missing-reply_to', A1, noReplyTo(), {
        codes: ['invalid_event'],
        eventType: 'new_message',
        problem: { pointer: '/content/reply_to', code: 'missing_field' },
      });
    }),
    step(['errors.connection-stays-open'], async () => {
      await ctx.needSession();
      const name = 'errors.connection-stays-open';
      // Their answers are the other errors.* checks' business; here only the connection is.
      const bad = await session.exchange(() => {
        session.send(A1, INVALID_JSON);
        session.send(A1, build.unknownType(unknownType));
        session.send(A1, noReplyTo());
      }, []);
      if (bad.closed.includes(A1)) {
        ctx.record(
          name,
          new Verdict().fail(
            `${session.closeDescription(A1)} after a frame that is not JSON, one of an unknown type and one without reply_to: it must stay open`,
          ),
        );
        return;
      }
      const a = session.a.id;
      const ex = await session.exchange(
        () => void session.send(A1, build.presence('set_online')),
        [ctx.expect.presence(A1, 'set_online', a)],
        { tolerate: isPresenceOf(profile, a) },
      );
      const verdict = recipientsVerdict(session, ex);
      verdict.summary = `${A1} stayed open after the three bad frames, and its own set_online came back to it`;
      ctx.record(name, verdict);
    }),
  ];
}
