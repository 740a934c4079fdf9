// The steps the direct and the project conversation share, for either kind of chat: a new message,
// typing, reading, deleting, refusing a delete by someone else, refusing an outsider.
import type { ChatType } from '../profile/types.js';
import { A1, A2, B1, O1, step, type Context, type Step, type Who } from './context.js';
import { deliver, refuse } from './shapes.js';

const everyone = [A1, A2, B1];
const labelOf = (who: Who): string => (who === 'A' ? A1 : B1);

/** Ids a new message's id cannot be: those of the messages the run has already seen. */
export const knownIds = (ctx: Context): Set<number> => ctx.session.ledger.ids();

/** `chat 12_23` / `project 7`, for what a passing check verified. */
const where = (ctx: Context, kind: ChatType): string =>
  kind === 'direct' ? `chat ${ctx.session.chatId}` : `project ${String(ctx.chat(kind).chatId)}`;

/** A writes, with white space around the text (`pad`), which the server strips. */
export const newMessageStep = (ctx: Context, kind: ChatType, pad: (text: string) => string): Step =>
  step([`${kind}.new_message.recipients`, `${kind}.new_message.content`], async () => {
    await ctx.needSession();
    const { a } = ctx.session;
    const chat = ctx.chat(kind);
    const text = ctx.text(`${kind} hello`);
    const known = knownIds(ctx);
    await deliver(ctx, {
      name: `${kind}.new_message`,
      from: A1,
      frame: ctx.profile.build.newMessage(chat, pad(text), null),
      expects: everyone.map((to) => ctx.expect.newMessage(to, text)),
      values: ctx.profile.expect.newMessage(chat, { authorId: a.id, text, replyTo: null, knownIds: known }),
      verified: `${where(ctx, kind)}, author ${a.id}, the trimmed text, reply_to null, one message id`,
    });
  });

/** `who` types; `to` hear it, `mustNot` must not. */
export const typingStep = (
  ctx: Context,
  kind: ChatType,
  who: Who,
  to: readonly string[],
  mustNot: Readonly<Record<string, string>> = {},
): Step =>
  step([`${kind}.user_typing.recipients`, `${kind}.user_typing.content`], async () => {
    await ctx.needSession();
    const chat = ctx.chat(kind);
    const { id } = ctx.user(who);
    await deliver(ctx, {
      name: `${kind}.user_typing`,
      from: labelOf(who),
      frame: ctx.profile.build.userTyping(chat),
      expects: to.map((label) => ctx.expect.userTyping(label, chat, id)),
      mustNot,
      values: ctx.profile.expect.userTyping(chat, id),
      verified: `${where(ctx, kind)}, user_id ${id}, end_time about 5 s ahead`,
    });
  });

/** B reads A's message; A deletes its own: both reach every connection. */
export const readStep = (ctx: Context, kind: ChatType): Step => aboutMessageStep(ctx, kind, 'message_read');
export const deleteStep = (ctx: Context, kind: ChatType): Step => aboutMessageStep(ctx, kind, 'delete_message');

function aboutMessageStep(ctx: Context, kind: ChatType, type: 'message_read' | 'delete_message'): Step {
  return step([`${kind}.${type}.recipients`, `${kind}.${type}.content`], async () => {
    const fromA = await ctx.message(kind, 'A');
    const chat = ctx.chat(kind);
    const { build, expect } = ctx.profile;
    const reader = ctx.session.b.id;
    await deliver(ctx, {
      name: `${kind}.${type}`,
      from: type === 'message_read' ? B1 : A1,
      frame: type === 'message_read' ? build.messageRead(chat, fromA) : build.deleteMessage(chat, fromA),
      expects: everyone.map((to) => ctx.expect.aboutMessage(to, type, fromA)),
      values: type === 'message_read' ? expect.messageRead(chat, reader, fromA) : expect.deleteMessage(chat, fromA),
      verified: `${where(ctx, kind)}${type === 'message_read' ? `, user_id ${reader}` : ''}, message_id ${fromA}`,
    });
  });
}

/** `who` deleting the other user's message is refused with `not_message_author`. */
export const notAuthorStep = (ctx: Context, kind: ChatType, who: Who): Step =>
  step([`${kind}.delete_message.not-author`], async () => {
    const theirs = await ctx.message(kind, who === 'A' ? 'B' : 'A');
    await refuse(
      ctx,
      `${kind}.delete_message.not-author`,
      labelOf(who),
      ctx.profile.build.deleteMessage(ctx.chat(kind), theirs),
      {
        codes: ['not_message_author'],
        eventType: 'delete_message',
      },
    );
  });

/** The outsider writing to the chat is refused with `not_chat_member`, and nothing reaches A or B. */
export const notMemberStep = (ctx: Context, kind: ChatType): Step =>
  step([`${kind}.not-member`], () =>
    ctx.withOutsider(() =>
      refuse(
        ctx,
        `${kind}.not-member`,
        O1,
        ctx.profile.build.newMessage(ctx.chat(kind), ctx.text(`outsider in the ${kind} chat`), null),
        { codes: ['not_chat_member'], eventType: 'new_message' },
      ),
    ),
  );
