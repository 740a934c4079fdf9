// project.*: the same conversation in the chat of a project both users are members of, and the
// refusals that belong to project chats. Without --project these steps are skipped before they run
// (see the catalogue's `needs`).
import { A1, A2, B1, step, type Context, type Step } from './context.js';
import { deleteStep, newMessageStep, notAuthorStep, notMemberStep, readStep, typingStep } from './conversation.js';
import { refuse } from './shapes.js';

export function projectSteps(ctx: Context): Step[] {
  return [
    newMessageStep(ctx, 'project', (text) => `\t${text}  `),
    // A message of the direct chat is not in the project chat.
    step(['project.new_message.reply_not_in_chat'], async () => {
      const direct = await ctx.message('direct', 'B');
      const frame = ctx.profile.build.newMessage(ctx.chat('project'), ctx.text('reply across chats'), direct);
      await refuse(ctx, 'project.new_message.reply_not_in_chat', A1, frame, {
        codes: ['reply_not_in_chat'],
        eventType: 'new_message',
      });
    }),
    // In a project chat the typist hears its own typing too.
    typingStep(ctx, 'project', 'B', [A1, A2, B1]),
    readStep(ctx, 'project'),
    notAuthorStep(ctx, 'project', 'B'),
    deleteStep(ctx, 'project'),
    notMemberStep(ctx, 'project'),
  ];
}
