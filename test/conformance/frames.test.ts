import { describe, expect, it } from 'vitest';
import { describeFrame, isAboutRun, readFrame, type Scope } from '../../conformance/frames.js';

const frameOf = (data: unknown) =>
  readFrame('A#1', Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)), false);

const scope: Scope = {
  users: new Set([12, 23]),
  directChatId: '12_23',
  projectId: 7,
  messageIds: new Set([100]),
  runId: 'run42',
};

describe('readFrame', () => {
  it('accepts a valid server event', () => {
    const frame = frameOf({ type: 'set_online', content: { user_id: 23 } });
    expect(frame.problems).toEqual([]);
    expect(frame.extras).toEqual([]);
    expect(frame.data).toEqual({ type: 'set_online', content: { user_id: 23 } });
    expect(frame.receiver).toBe('A#1');
  });

  it('names the pointer and code of each schema problem', () => {
    const frame = frameOf({ type: 'user_typing', content: { chat_type: 'direct', chat_id: '12_23', user_id: 12 } });
    expect(frame.problems).toEqual(['content.end_time is required [missing_field at /content/end_time]']);
    expect(frame.issues).toEqual([
      { pointer: '/content/end_time', code: 'missing_field', message: 'content.end_time is required' },
    ]);
  });

  it('keeps extra fields apart from the problems (they are warnings unless --strict)', () => {
    const frame = frameOf({ type: 'set_online', content: { user_id: 23, is_online: true }, sent_at: 5 });
    expect(frame.problems).toEqual([]);
    expect(frame.extras.map((p) => [p.pointer, p.code])).toEqual([
      ['/sent_at', 'unknown_field'],
      ['/content/is_online', 'unknown_field'],
    ]);
  });

  it('reports an unknown event type', () => {
    expect(frameOf({ type: 'typing', content: {} }).problems[0]).toMatch(/\[unknown_event_type at \/type\]$/);
  });

  it('reports text that is not JSON, and binary frames', () => {
    expect(frameOf('{oops').problems[0]).toMatch(/^is not JSON/);
    const binary = readFrame('B#1', Buffer.from([1, 2, 3]), true);
    expect(binary.problems).toEqual(['is a binary frame: the protocol is JSON text frames only']);
    expect(binary.text).toBe('<binary frame, 3 bytes>');
  });

  it('shortens long frames', () => {
    const frame = frameOf({ type: 'set_online', content: { user_id: 23 } });
    expect(describeFrame(frame, 10)).toBe('{"type":"s… (46 chars)');
  });
});

describe('isAboutRun', () => {
  const about = (data: unknown): boolean => isAboutRun(frameOf(data), scope);

  it('counts presence of the two users, not of others', () => {
    expect(about({ type: 'set_online', content: { user_id: 12 } })).toBe(true);
    expect(about({ type: 'set_offline', content: { user_id: 31 } })).toBe(false);
  });

  it('counts everything in the direct chat of the two users, and errors', () => {
    expect(about({ type: 'delete_message', content: { chat_type: 'direct', chat_id: '12_23', message_id: 5 } })).toBe(
      true,
    );
    expect(
      about({
        type: 'error',
        error: 'x',
        content: { code: 'invalid_json', message: 'x', event_type: null, problems: [] },
      }),
    ).toBe(true);
  });

  it('counts project events by who acts, or by our message ids', () => {
    const typing = (user_id: number) => ({
      type: 'user_typing',
      content: { chat_type: 'project', chat_id: 7, user_id, end_time: '2026-01-01T00:00:00.000Z' },
    });
    expect(about(typing(23))).toBe(true);
    expect(about(typing(31))).toBe(false);
    expect(about({ type: 'delete_message', content: { chat_type: 'project', chat_id: 7, message_id: 100 } })).toBe(
      true,
    );
    expect(about({ type: 'delete_message', content: { chat_type: 'project', chat_id: 7, message_id: 555 } })).toBe(
      false,
    );
  });

  it('counts messages carrying the run id, wherever they are', () => {
    const message = (text: string, authorId: number) => ({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '31_40', message: { id: 9, author: { id: authorId }, text } },
    });
    expect(about(message('conformance run42 hello', 31))).toBe(true);
    expect(about(message('hi', 31))).toBe(false);
  });

  it('reads the fields wherever a dialect put them', () => {
    expect(about({ type: 'set_online', user_id: 31 })).toBe(false);
    expect(about({ type: 'set_offline', user_id: 23 })).toBe(true);
    const flat = (chat_id: number, author_id: number, message_id: number) => ({
      type: 'new_message',
      content: { message_id, chat_id, chat_type: 'project', author_id, text: 'hi', created_at: 1795920110.2 },
    });
    expect(about(flat(7, 31, 500))).toBe(false);
    expect(about(flat(7, 12, 500))).toBe(true);
    expect(about({ type: 'delete_message', content: { message_id: 100 } })).toBe(true);
    expect(about({ type: 'delete_message', content: { message_id: 101 } })).toBe(false);
    expect(about({ error: 'User 12 is not in project chat 8' })).toBe(true);
  });

  it('counts a frame it cannot read', () => {
    expect(about('not json')).toBe(true);
    expect(about({ type: 'mystery' })).toBe(true);
  });
});
