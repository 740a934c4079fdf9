import { parseClientFrame, validateClientEvent, validateServerEvent } from '../../protocol/index.js';
import type { ValidationFigure } from '../types.js';
import type { Scenario, ValidationResult } from './types.js';

/** One of each event a client sends in the scenarios, and more: what a chat's traffic looks like. */
const CLIENT_EVENTS: unknown[] = [
  {
    type: 'new_message',
    content: { chat_type: 'direct', chat_id: '12_23', message: 'Hello, how are you?', reply_to: null },
  },
  {
    type: 'new_message',
    content: { chat_type: 'project', chat_id: 7, message: 'The build is green again', reply_to: 54 },
  },
  { type: 'user_typing', content: { chat_type: 'direct', chat_id: '9_10' } },
  { type: 'user_typing', content: { chat_type: 'project', chat_id: 7 } },
  { type: 'message_read', content: { chat_type: 'direct', chat_id: '12_23', message_id: 54 } },
  { type: 'delete_message', content: { chat_type: 'project', chat_id: 7, message_id: 55 } },
  { type: 'set_online', content: {} },
];

const author = { id: 12, first_name: 'Ada', last_name: 'Lovelace', avatar: null };
const SERVER_EVENTS: unknown[] = [
  {
    type: 'new_message',
    content: {
      chat_type: 'direct',
      chat_id: '12_23',
      message: {
        id: 54,
        author,
        text: 'Hello, how are you?',
        reply_to: null,
        created_at: '2026-11-24T10:15:30.000Z',
        is_read: false,
        is_deleted: false,
      },
    },
  },
  {
    type: 'user_typing',
    content: { chat_type: 'direct', chat_id: '12_23', user_id: 12, end_time: '2026-11-24T10:15:35.000Z' },
  },
  { type: 'message_read', content: { chat_type: 'project', chat_id: 7, user_id: 23, message_id: 54 } },
  { type: 'set_online', content: { user_id: 12 } },
];
const FRAMES = CLIENT_EVENTS.map((event) => JSON.stringify(event));

/** Runs `fn` over the inputs round-robin, `warmup` times untimed and then `count` times timed. */
function time<T>(inputs: readonly T[], fn: (input: T) => unknown, warmup: number, count: number): ValidationFigure {
  let sink = 0;
  for (let i = 0; i < warmup; i++) if (fn(inputs[i % inputs.length] as T)) sink++;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) if (fn(inputs[i % inputs.length] as T)) sink++;
  const ns = Number(process.hrtime.bigint() - start);
  if (sink < 0) throw new Error('unreachable');
  return { eventsPerSecond: (count * 1e9) / ns, nsPerEvent: ns / count };
}

export const validation: Scenario = {
  name: 'validation',
  title: 'Validation alone, in process',
  measures:
    'The protocol package in this process, no sockets: validateClientEvent over parsed client events, validateServerEvent ' +
    'over parsed server events, parseClientFrame (JSON.parse + validation) over client frames, and JSON.parse alone over ' +
    'the same frames as its baseline. All events are valid; a mix of every event type.',
  async run(context) {
    const count = context.quick ? 200_000 : 2_000_000;
    const warmup = count / 10;
    context.progress(`validation: ${warmup} warm-up + ${count} events per figure`);
    for (const event of [...CLIENT_EVENTS])
      if (!validateClientEvent(event).ok) throw new Error(`invalid bench event ${JSON.stringify(event)}`);
    for (const event of SERVER_EVENTS)
      if (!validateServerEvent(event).ok) throw new Error(`invalid bench event ${JSON.stringify(event)}`);
    const figures: ValidationResult['figures'] = {
      'JSON.parse': time(FRAMES, (f) => JSON.parse(f), warmup, count),
      parseClientFrame: time(FRAMES, (f) => parseClientFrame(f).ok, warmup, count),
      validateClientEvent: time(CLIENT_EVENTS, (e) => validateClientEvent(e).ok, warmup, count),
      validateServerEvent: time(SERVER_EVENTS, (e) => validateServerEvent(e).ok, warmup, count),
    };
    return {
      kind: 'validation',
      settings: { events: count, warmup },
      figures,
      ratio: {
        parseClientFrameVsJsonParse: figures.parseClientFrame.eventsPerSecond / figures['JSON.parse'].eventsPerSecond,
      },
      goals: [],
    } satisfies ValidationResult;
  },
};
