import { describe, expect, it } from 'vitest';
import { parseClientFrame, validateClientEvent, validateServerEvent } from '../../protocol/index.js';
import { invalidFixtures } from '../../scripts/check-spec.js';

const valid = {
  type: 'new_message',
  content: { chat_type: 'direct', chat_id: '12_23', message: 'hello world', reply_to: null },
};
const withContent = (patch: Record<string, unknown>) => ({ ...valid, content: { ...valid.content, ...patch } });

describe('validateClientEvent', () => {
  it.each(invalidFixtures().map((f) => [f.name, f] as const))('refuses %s, naming the field', (_name, fixture) => {
    const result = validateClientEvent(fixture.frame);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const hit = result.problems.find((p) => p.pointer === fixture.expect.pointer && p.code === fixture.expect.code);
    expect(hit, JSON.stringify(result.problems)).toBeDefined();
    const field = fixture.expect.pointer.split('/').pop();
    if (field && fixture.expect.code !== 'chat_id_order' && fixture.expect.code !== 'unknown_event_type')
      expect(hit?.message).toContain(field);
  });

  it('reports one precise problem for a wrong field, not one per oneOf branch', () => {
    expect(validateClientEvent(withContent({ reply_to: 'x' }))).toEqual({
      ok: false,
      problems: [
        { pointer: '/content/reply_to', code: 'wrong_type', message: 'content.reply_to must be integer or null' },
      ],
    });
  });

  it("gives the backend's text for a direct chat id in the wrong order", () => {
    expect(validateClientEvent(withContent({ chat_id: '23_12' }))).toEqual({
      ok: false,
      problems: [
        {
          pointer: '/content/chat_id',
          code: 'chat_id_order',
          message: 'Chat id "23_12" is not in the format of <user1_id>_<user2_id>, where user1_id < user2_id',
        },
      ],
    });
  });

  it('compares direct chat ids numerically, however long', () => {
    expect(validateClientEvent(withContent({ chat_id: '9_10' })).ok).toBe(true);
    expect(validateClientEvent(withContent({ chat_id: '99999999999999_100000000000000' })).ok).toBe(true);
    expect(validateClientEvent(withContent({ chat_id: '100000000000000_99999999999999' })).ok).toBe(false);
  });

  it('measures the text after trimming: 8192 characters plus white space is fine, 8193 is not', () => {
    expect(validateClientEvent(withContent({ message: `  ${'я'.repeat(8192)}\n` })).ok).toBe(true);
    const long = validateClientEvent(withContent({ message: 'я'.repeat(8193) }));
    expect(long).toEqual({
      ok: false,
      problems: [expect.objectContaining({ pointer: '/content/message', code: 'too_long' })],
    });
  });

  it('accepts emoji, RTL text and NUL inside a message', () => {
    expect(validateClientEvent(withContent({ message: '👋🏽 مرحبا \u0000 ok' })).ok).toBe(true);
  });

  it('reports several problems at once', () => {
    const result = validateClientEvent({
      type: 'new_message',
      content: { chat_type: 'project', chat_id: '7', message: '', extra: 1 },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => `${p.code}@${p.pointer}`).sort()).toEqual(
        [
          'missing_field@/content/reply_to',
          'too_short@/content/message',
          'unknown_field@/content/extra',
          'wrong_type@/content/chat_id',
        ].sort(),
      );
    }
  });

  it('judges chat fields without a usable chat_type by what every variant agrees on', () => {
    const result = validateClientEvent({ type: 'new_message', content: { chat_id: '12_23', message: 'hi' } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => `${p.code}@${p.pointer}`).sort()).toEqual([
        'missing_field@/content/chat_type',
        'missing_field@/content/reply_to',
      ]);
    }
  });

  it('treats __proto__ as an unknown field and does not pollute prototypes', () => {
    const frame = JSON.parse('{"type":"set_online","content":{"__proto__":{"polluted":true}}}') as unknown;
    expect(validateClientEvent(frame)).toEqual({
      ok: false,
      problems: [expect.objectContaining({ pointer: '/content/__proto__', code: 'unknown_field' })],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not treat inherited names as event types', () => {
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const result = validateClientEvent({ type, content: {} });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]?.code).toBe('unknown_event_type');
    }
  });
});

describe('validateServerEvent', () => {
  it('checks the direct chat id order in server frames too', () => {
    const frame = {
      type: 'message_read',
      content: { chat_type: 'direct', chat_id: '23_12', user_id: 23, message_id: 54 },
    };
    expect(validateServerEvent(frame)).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'chat_id_order' })],
    });
  });
  it('refuses a new_message whose stored message lacks its author', () => {
    const frame = {
      type: 'new_message',
      content: {
        chat_type: 'project',
        chat_id: 7,
        message: {
          id: 1,
          text: 'x',
          reply_to: null,
          created_at: '2026-11-24T10:00:00.000Z',
          is_read: false,
          is_deleted: false,
        },
      },
    };
    expect(validateServerEvent(frame)).toEqual({
      ok: false,
      problems: [expect.objectContaining({ pointer: '/content/message/author', code: 'missing_field' })],
    });
  });
  it('refuses a timestamp that is not ISO 8601', () => {
    const frame = {
      type: 'user_typing',
      content: { chat_type: 'direct', chat_id: '12_23', user_id: 12, end_time: 1732443335 },
    };
    const wrong = validateServerEvent(frame);
    expect(wrong).toEqual({
      ok: false,
      problems: [expect.objectContaining({ pointer: '/content/end_time', code: 'wrong_type' })],
    });
    const text = validateServerEvent({ ...frame, content: { ...frame.content, end_time: 'tomorrow' } });
    expect(text).toEqual({
      ok: false,
      problems: [expect.objectContaining({ pointer: '/content/end_time', code: 'invalid_format' })],
    });
  });
});

describe('parseClientFrame', () => {
  it('answers text that is not JSON with invalid_json', () => {
    const result = parseClientFrame('{"type": ');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.content.code).toBe('invalid_json');
      expect(result.error.error).toBe(result.error.content.message);
      expect(validateServerEvent(result.error).ok).toBe(true);
    }
  });
  it('answers an unknown type with unknown_event_type and names it', () => {
    const result = parseClientFrame('{"type":"edit_message","content":{}}');
    expect(result.ok ? null : result.error.content).toMatchObject({
      code: 'unknown_event_type',
      event_type: 'edit_message',
    });
  });
  it('answers a schema violation with invalid_event, the problems and a valid error frame', () => {
    const result = parseClientFrame(JSON.stringify(withContent({ chat_id: '23_12' })));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.content).toMatchObject({
        code: 'invalid_event',
        event_type: 'new_message',
        problems: [expect.objectContaining({ code: 'chat_id_order' })],
      });
      expect(validateServerEvent(result.error).ok).toBe(true);
    }
  });
  it('returns the typed event for a valid frame', () => {
    expect(parseClientFrame(JSON.stringify(valid))).toEqual({ ok: true, event: valid });
  });
});
