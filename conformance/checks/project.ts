// project.*: the same conversation in the chat of a project both users are members of.
import { deleteMessageValues, messageReadValues, newMessageValues, typingValues, type ChatRef } from '../judge.js';
import { A1, A2, B1, deliver, messageIdOf, refuse, type Context } from './context.js';
import type { DirectMessages } from './direct.js';

export async function projectChecks(ctx: Context, projectId: number, direct: DirectMessages): Promise<void> {
  const { session, results } = ctx;
  const { a, b } = session;
  const chat: ChatRef = { chatType: 'project', chatId: projectId };
  const everyone = [A1, A2, B1];

  const hello = ctx.text('project hello');
  const first = await deliver(ctx, {
    name: 'project.new_message',
    from: A1,
    frame: {
      type: 'new_message',
      content: { chat_type: 'project', chat_id: projectId, message: `\t${hello}  `, reply_to: null },
    },
    type: 'new_message',
    to: everyone,
    values: newMessageValues(chat, { authorId: a.id, text: hello, replyTo: null }),
    verified: `project ${projectId}, author ${a.id}, the trimmed text, reply_to null, one message id`,
  });
  const fromA = messageIdOf(first, A1);
  if (fromA) session.messageIds.add(fromA);

  // A message of the direct chat is not in the project chat.
  if (direct.fromB) {
    const frame = {
      type: 'new_message',
      content: {
        chat_type: 'project',
        chat_id: projectId,
        message: ctx.text('reply across chats'),
        reply_to: direct.fromB,
      },
    };
    await refuse(ctx, 'project.new_message.reply_not_in_chat', A1, frame, {
      codes: ['reply_not_in_chat'],
      eventType: 'new_message',
    });
  } else
    results.skip(
      'project.new_message.reply_not_in_chat',
      "needs the id of B's direct message (see direct.new_message.reply)",
    );

  // In a project chat the typist hears its own typing too.
  await deliver(ctx, {
    name: 'project.user_typing',
    from: B1,
    frame: { type: 'user_typing', content: { chat_type: 'project', chat_id: projectId } },
    type: 'user_typing',
    to: everyone,
    values: typingValues(chat, b.id),
    verified: `project ${projectId}, user_id ${b.id}, end_time about 5 s ahead`,
  });

  const needsA = "needs the id of A's project message (see project.new_message.*)";
  if (!fromA) {
    results.skipRemaining(['project.message_read', 'project.delete_message'], needsA);
    return;
  }
  await deliver(ctx, {
    name: 'project.message_read',
    from: B1,
    frame: { type: 'message_read', content: { chat_type: 'project', chat_id: projectId, message_id: fromA } },
    type: 'message_read',
    to: everyone,
    values: messageReadValues(chat, b.id, fromA),
    verified: `project ${projectId}, user_id ${b.id}, message_id ${fromA}`,
  });
  await refuse(
    ctx,
    'project.delete_message.not-author',
    B1,
    { type: 'delete_message', content: { chat_type: 'project', chat_id: projectId, message_id: fromA } },
    {
      codes: ['not_message_author'],
      eventType: 'delete_message',
    },
  );
  await deliver(ctx, {
    name: 'project.delete_message',
    from: A1,
    frame: { type: 'delete_message', content: { chat_type: 'project', chat_id: projectId, message_id: fromA } },
    type: 'delete_message',
    to: everyone,
    values: deleteMessageValues(chat, fromA),
    verified: `project ${projectId}, message_id ${fromA}`,
  });
}
