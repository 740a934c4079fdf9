// After the checks: every message the run created that the server still holds is deleted by its
// author, and whatever could not be deleted is listed, with the reason.
import { describeFrame } from './frames.js';
import { A1, O1, type Context } from './checks/context.js';
import { chatName, type CreatedMessage, type LeftBehind } from './ledger.js';

const leftBehind = (m: CreatedMessage, why: string): LeftBehind => ({
  chat: chatName(m.chat),
  id: m.id,
  author: m.authorId,
  text: m.text,
  check: m.check,
  why,
});

/** Deletes one message as its author; returns why it could not, or null. */
async function remove(ctx: Context, m: CreatedMessage, id: number): Promise<string | null> {
  const { session, profile } = ctx;
  const from = m.sender === O1 ? O1 : session.has(m.sender) ? m.sender : A1;
  const attempt = async (): Promise<string | null> => {
    const ex = await session.exchange(
      () => void session.send(from, profile.build.deleteMessage(m.chat, id)),
      [ctx.expect.aboutMessage(from, 'delete_message', id)],
    );
    if (m.state === 'deleted') return null;
    const answer = [...ex.extra, ...ex.unrelated].find((f) => f.receiver === from);
    if (ex.closed.includes(from)) return `delete_message was answered by closing: ${session.closeDescription(from)}`;
    if (answer) return `delete_message was answered with ${describeFrame(answer, 200)}`;
    return `no delete_message came back within ${session.timeoutMs} ms`;
  };
  try {
    return from === O1 ? await ctx.withOutsider(attempt) : await attempt();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Deletes what the run created and the server still holds; returns what it could not delete. */
export async function cleanUp(ctx: Context): Promise<LeftBehind[]> {
  const { session } = ctx;
  const pending = session.ledger.all().filter((m) => m.state === 'stored' || m.state === 'sent');
  if (pending.length === 0) return [];
  session.tracer.begin(['clean-up']);
  session.check = 'clean-up';
  const left: LeftBehind[] = [];
  for (const m of pending) {
    if (m.state === 'sent') {
      left.push(
        leftBehind(m, 'sent, and the server neither refused it nor sent it back: if it stored it, it is still there'),
      );
    } else if (m.id === null) {
      left.push(leftBehind(m, 'the server stored it, but no message id could be found in the frames it sent'));
    } else {
      const why = await remove(ctx, m, m.id);
      if (why) left.push(leftBehind(m, why));
    }
  }
  return left;
}
