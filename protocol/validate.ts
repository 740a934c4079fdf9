// validateClientEvent / validateServerEvent: the generated validators, plus the rule no schema
// pattern can say (a direct chat id's smaller id first), returning data, never throwing.
import type { ErrorObject } from 'ajv';
import * as compiled from '../generated/validators.js';
import { CHAT_TYPES, CLIENT_EVENT_TYPES, SERVER_EVENT_TYPES } from '../generated/constants.js';
import type { ClientEvent, Problem, ServerEvent } from '../generated/types.js';
import { chatIdOrderMessage, isOrderedDirectChatId } from './direct-chat-id.js';
import { dedupe, problem, toProblems } from './problems.js';

export type ValidationResult<E> = { ok: true; event: E } | { ok: false; problems: Problem[] };

interface CompiledValidator {
  (data: unknown, context?: { instancePath?: string }): boolean;
  errors?: ErrorObject[] | null;
}

type Direction = 'client' | 'server';
const validators = compiled as unknown as Record<string, CompiledValidator | undefined>;
const KNOWN: Record<Direction, ReadonlySet<string>> = {
  client: new Set(CLIENT_EVENT_TYPES),
  server: new Set(SERVER_EVENT_TYPES),
};

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const own = (obj: Record<string, unknown>, key: string): unknown =>
  Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;

function run(name: string, data: unknown, frame: unknown, instancePath = ''): Problem[] {
  const validate = validators[name];
  if (!validate) throw new Error(`no generated validator ${name}: run npm run generate`);
  return validate(data, { instancePath }) ? [] : toProblems(validate.errors ?? [], frame);
}

const insideContent = (p: Problem): boolean => p.pointer === '/content' || p.pointer.startsWith('/content/');

/** Problems of a chat event's content, judged by the variant its `chat_type` names. */
function contentProblems(name: string, frame: Record<string, unknown>, envelope: Problem[]): Problem[] {
  const content = own(frame, 'content');
  if (!isPlainObject(content)) return envelope;
  const outside = envelope.filter((p) => !insideContent(p));
  const chatType = own(content, 'chat_type');
  if (typeof chatType === 'string' && (CHAT_TYPES as readonly string[]).includes(chatType)) {
    return [...outside, ...run(`${name}_${chatType}`, content, frame, '/content')];
  }
  // No usable chat_type: report what is wrong whichever variant was meant.
  const variants = CHAT_TYPES.map((t) => run(`${name}_${t}`, content, frame, '/content'));
  const inAll = (variants[0] ?? []).filter((p) =>
    variants.every((list) => list.some((q) => q.pointer === p.pointer && q.code === p.code)),
  );
  const fixed = inAll.map((p) =>
    p.pointer === '/content/chat_type' && p.code === 'invalid_value'
      ? problem(p.pointer, p.code, `must be one of ${CHAT_TYPES.map((t) => JSON.stringify(t)).join(', ')}`)
      : p,
  );
  return [...outside, ...fixed];
}

function orderProblems(frame: Record<string, unknown>): Problem[] {
  const content = own(frame, 'content');
  if (!isPlainObject(content) || own(content, 'chat_type') !== 'direct') return [];
  const chatId = own(content, 'chat_id');
  if (typeof chatId !== 'string' || isOrderedDirectChatId(chatId)) return [];
  return [{ pointer: '/content/chat_id', code: 'chat_id_order', message: chatIdOrderMessage(chatId) }];
}

function validateFrame<E>(direction: Direction, frame: unknown): ValidationResult<E> {
  if (!isPlainObject(frame)) {
    return {
      ok: false,
      problems: [
        {
          pointer: '',
          code: 'not_an_object',
          message: 'A frame must be a JSON object: {"type": "<event type>", "content": {...}}',
        },
      ],
    };
  }
  const type = own(frame, 'type');
  if (type === undefined) return { ok: false, problems: [problem('/type', 'missing_field', 'is required')] };
  if (typeof type !== 'string') return { ok: false, problems: [problem('/type', 'wrong_type', 'must be string')] };
  if (!KNOWN[direction].has(type)) {
    const known = [...KNOWN[direction]].map((t) => JSON.stringify(t)).join(', ');
    return {
      ok: false,
      problems: [
        {
          pointer: '/type',
          code: 'unknown_event_type',
          message: `Unknown event type ${JSON.stringify(type)}: expected one of ${known}`,
        },
      ],
    };
  }
  const name = `${direction}_${type}`;
  const envelope = run(name, frame, frame);
  const hasVariants = validators[`${name}_direct`] !== undefined;
  let problems = hasVariants && envelope.length ? contentProblems(name, frame, envelope) : envelope;
  if (!problems.some((p) => p.pointer === '/content/chat_id')) problems = [...problems, ...orderProblems(frame)];
  problems = dedupe(problems);
  return problems.length ? { ok: false, problems } : { ok: true, event: frame as E };
}

/** Checks a parsed frame a client sent (or would send) against the spec. */
export function validateClientEvent(frame: unknown): ValidationResult<ClientEvent> {
  return validateFrame<ClientEvent>('client', frame);
}

/** Checks a parsed frame a server sent (or would send) against the spec. */
export function validateServerEvent(frame: unknown): ValidationResult<ServerEvent> {
  return validateFrame<ServerEvent>('server', frame);
}
