// direct.*: a scripted conversation in the direct chat of A and B, with the refusals the spec
// defines. Each step asks for the messages it needs (see Context.message): none relies on another.
import { A1, A2, B1, step, type Context, type Step } from './context.js';
import {
  deleteStep,
  knownIds,
  newMessageStep,
  notAuthorStep,
  notMemberStep,
  readStep,
  typingStep,
} from './conversation.js';
import { deliver, refuse } from './shapes.js';

export function directSteps(ctx: Context): Step[] {
  const { session, profile } = ctx;
  const { a, b } = session;
  const { build } = profile;
  const chat = ctx.chat('direct');

  return [
    newMessageStep(ctx, 'direct', (text) => `  ${text}\n`),
    // B answers A's message.
    step(['direct.new_message.reply'], async () => {
      const fromA = await ctx.message('direct', 'A');
      const text = ctx.text('direct reply');
      const known = knownIds(ctx);
      await deliver(ctx, {
        single: 'direct.new_message.reply',
        from: B1,
        frame: build.newMessage(chat, text, fromA),
        expects: [A1, A2, B1].map((to) => ctx.expect.newMessage(to, text)),
        values: profile.expect.newMessage(chat, { authorId: b.id, text, replyTo: fromA, knownIds: known }),
        verified: `reply_to ${fromA}, author ${b.id}`,
      });
    }),
    // A types: only B hears it.
    typingStep(ctx, 'direct', 'A', [B1], { [A1]: 'A is the typist', [A2]: 'A is the typist' }),
    readStep(ctx, 'direct'),
    step(['direct.message_read.own-message'], async () => {
      const fromA = await ctx.message('direct', 'A');
      await refuse(ctx, 'direct.message_read.own-message', A1, build.messageRead(chat, fromA), {
        codes: ['cannot_read_own_message'],
        eventType: 'message_read',
      });
    }),
    notAuthorStep(ctx, 'direct', 'A'),
    deleteStep(ctx, 'direct'),
    // A message the checker itself deleted is one that certainly does not exist (any other id may be someone's).
    step(['direct.message_read.not-found'], async () => {
      const gone = await ctx.deletedMessage('direct');
      await refuse(ctx, 'direct.message_read.not-found', B1, build.messageRead(chat, gone), {
        codes: ['message_not_found'],
        eventType: 'message_read',
      });
    }),
    step(['direct.chat_id.order'], async () => {
      await ctx.needSession();
      const [low, high] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
      const reversed = { chatType: 'direct', chatId: `${high}_${low}` } as const;
      await refuse(ctx, 'direct.chat_id.order', A1, build.newMessage(reversed, ctx.text('reversed chat id'), null), {
        codes: ['invalid_event'],
        eventType: 'new_message',
        problem: { pointer: '/content/chat_id', code: 'chat_id_order' },
      });
    }),
    notMemberStep(ctx, 'direct'),
  ];
}
