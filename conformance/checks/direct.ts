// direct.*: a scripted conversation in the direct chat of A and B, with the refusals the spec defines.
import { directChatId } from '../../protocol/index.js';
import { deleteMessageValues, messageReadValues, newMessageValues, typingValues, type ChatRef } from '../judge.js';
import { A1, A2, B1, deliver, messageIdOf, refuse, type Context } from './context.js';

/** A message id no server will have handed out (and that still fits a 32-bit column). */
export const MISSING_MESSAGE_ID = 2_147_483_647;

/** The ids of the messages the direct conversation created: A's first message, and B's reply. */
export interface DirectMessages {
  fromA: number | null;
  fromB: number | null;
}

export async function directChecks(ctx: Context): Promise<DirectMessages> {
  const { session, results } = ctx;
  const { a, b, chatId } = session;
  const chat: ChatRef = { chatType: 'direct', chatId };
  const everyone = [A1, A2, B1];

  // A writes; the text has white space around it, which the server strips.
  const hello = ctx.text('direct hello');
  const first = await deliver(ctx, {
    name: 'direct.new_message',
    from: A1,
    frame: {
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: chatId, message: `  ${hello}\n`, reply_to: null },
    },
    type: 'new_message',
    to: everyone,
    values: newMessageValues(chat, { authorId: a.id, text: hello, replyTo: null }),
    verified: `chat ${chatId}, author ${a.id}, the trimmed text, reply_to null, one message id`,
  });
  const fromA = messageIdOf(first, A1);
  if (fromA) session.messageIds.add(fromA);
  const needsA = "needs the id of A's message (see direct.new_message.*)";

  // B answers it.
  let fromB: number | null = null;
  if (fromA) {
    const reply = ctx.text('direct reply');
    const ex = await deliver(ctx, {
      single: 'direct.new_message.reply',
      from: B1,
      frame: {
        type: 'new_message',
        content: { chat_type: 'direct', chat_id: chatId, message: reply, reply_to: fromA },
      },
      type: 'new_message',
      to: everyone,
      values: newMessageValues(chat, { authorId: b.id, text: reply, replyTo: fromA }),
      verified: `reply_to ${fromA}, author ${b.id}`,
    });
    fromB = messageIdOf(ex, B1);
    if (fromB) session.messageIds.add(fromB);
  } else results.skip('direct.new_message.reply', needsA);

  // A types: only B hears it.
  await deliver(ctx, {
    name: 'direct.user_typing',
    from: A1,
    frame: { type: 'user_typing', content: { chat_type: 'direct', chat_id: chatId } },
    type: 'user_typing',
    to: [B1],
    mustNot: { [A1]: 'A is the typist', [A2]: 'A is the typist' },
    values: typingValues(chat, a.id),
    verified: `chat ${chatId}, user_id ${a.id}, end_time about 5 s ahead`,
  });

  if (fromA) {
    await deliver(ctx, {
      name: 'direct.message_read',
      from: B1,
      frame: { type: 'message_read', content: { chat_type: 'direct', chat_id: chatId, message_id: fromA } },
      type: 'message_read',
      to: everyone,
      values: messageReadValues(chat, b.id, fromA),
      verified: `chat ${chatId}, user_id ${b.id}, message_id ${fromA}`,
    });
    await refuse(
      ctx,
      'direct.message_read.own-message',
      A1,
      { type: 'message_read', content: { chat_type: 'direct', chat_id: chatId, message_id: fromA } },
      {
        codes: ['cannot_read_own_message'],
        eventType: 'message_read',
      },
    );
  } else
    results.skipRemaining(
      ['direct.message_read.recipients', 'direct.message_read.content', 'direct.message_read.own-message'],
      needsA,
    );

  await refuse(
    ctx,
    'direct.message_read.not-found',
    B1,
    { type: 'message_read', content: { chat_type: 'direct', chat_id: chatId, message_id: MISSING_MESSAGE_ID } },
    {
      codes: ['message_not_found'],
      eventType: 'message_read',
    },
  );

  if (fromB) {
    await refuse(
      ctx,
      'direct.delete_message.not-author',
      A1,
      { type: 'delete_message', content: { chat_type: 'direct', chat_id: chatId, message_id: fromB } },
      {
        codes: ['not_message_author'],
        eventType: 'delete_message',
      },
    );
  } else results.skip('direct.delete_message.not-author', "needs the id of B's message (see direct.new_message.reply)");

  if (fromA) {
    await deliver(ctx, {
      name: 'direct.delete_message',
      from: A1,
      frame: { type: 'delete_message', content: { chat_type: 'direct', chat_id: chatId, message_id: fromA } },
      type: 'delete_message',
      to: everyone,
      values: deleteMessageValues(chat, fromA),
      verified: `chat ${chatId}, message_id ${fromA}`,
    });
  } else results.skipRemaining(['direct.delete_message.recipients', 'direct.delete_message.content'], needsA);

  const [low, high] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
  const reversed = `${high}_${low}`;
  await refuse(
    ctx,
    'direct.chat_id.order',
    A1,
    {
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: reversed, message: ctx.text('reversed chat id'), reply_to: null },
    },
    {
      codes: ['invalid_event'],
      eventType: 'new_message',
      problem: { pointer: '/content/chat_id', code: 'chat_id_order' },
    },
  );

  // The direct chat of B and someone else: A is not one of its two users.
  const third = Math.max(a.id, b.id) + 1;
  const otherChat = directChatId(b.id, third);
  await refuse(
    ctx,
    'direct.not-member',
    A1,
    {
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: otherChat, message: ctx.text('not a member'), reply_to: null },
    },
    {
      codes: ['not_chat_member', 'user_not_found'],
      eventType: 'new_message',
    },
  );

  return { fromA, fromB };
}
