// errors.*: frames the server must answer with an error event, after which the connection still works.
import { Verdict } from '../results.js';
import { A1, A2, B1, deliver, refuse, type Context } from './context.js';

export async function errorChecks(ctx: Context): Promise<void> {
  const { session, results } = ctx;
  const { chatId } = session;
  const connection = session.client(A1);

  await refuse(ctx, 'errors.invalid_json', A1, '{"type": "new_message", "content": {', {
    codes: ['invalid_json'],
    eventType: null,
  });
  await refuse(
    ctx,
    'errors.unknown_event_type',
    A1,
    {
      type: 'edit_message',
      content: { chat_type: 'direct', chat_id: chatId, message_id: 1, message: ctx.text('edit') },
    },
    {
      codes: ['unknown_event_type'],
      eventType: 'edit_message',
    },
  );
  await refuse(
    ctx,
    'errors.missing-reply_to',
    A1,
    { type: 'new_message', content: { chat_type: 'direct', chat_id: chatId, message: ctx.text('no reply_to') } },
    {
      codes: ['invalid_event'],
      eventType: 'new_message',
      problem: { pointer: '/content/reply_to', code: 'missing_field' },
    },
  );

  if (!connection.isOpen) {
    const closed = connection.closed;
    results.record(
      'errors.connection-stays-open',
      new Verdict().fail(
        `${A1}'s connection was closed after an error${closed ? ` (code ${closed.code}${closed.reason ? `, ${closed.reason}` : ''})` : ''}: it must stay open`,
      ),
    );
    return;
  }
  await deliver(ctx, {
    single: 'errors.connection-stays-open',
    from: A1,
    frame: { type: 'user_typing', content: { chat_type: 'direct', chat_id: chatId } },
    type: 'user_typing',
    to: [B1],
    mustNot: { [A1]: 'A is the typist', [A2]: 'A is the typist' },
    // Its values are direct.user_typing.content's business.
    verified: `${A1} is still open and its user_typing reached ${B1}`,
  });
}
