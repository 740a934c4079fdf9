// validateClientEvent / validateServerEvent: the generated validators, plus the rule no schema
// pattern can say (a direct chat id's smaller id first), returning data, never throwing. The
// same logic serves every protocol version: createFrameValidators() takes a version's generated
// validators and constants (version 1's below; protocol/v2/ builds version 2's).
import type { ErrorObject } from 'ajv';
import * as compiled from '../generated/validators.js';
import { CHAT_TYPES, CLIENT_EVENT_TYPES, FIELD_NAMES, SERVER_EVENT_TYPES } from '../generated/constants.js';
import type { ClientEvent, Problem, ServerEvent } from '../generated/types.js';
import { chatIdOrderMessage, isOrderedDirectChatId } from './direct-chat-id.js';
import { dedupe, problem, problemKey, toProblems } from './problems.js';
import { appendPointer, quote } from './pointer.js';

/**
 * A valid event, or its problems: all of them, or with `maxProblems` the first that many, and
 * `omitted` (present when above 0) counting the rest.
 */
export type ValidationResult<E> = { ok: true; event: E } | { ok: false; problems: Problem[]; omitted?: number };

export interface ValidateOptions {
  /** List at most this many problems (the first ones) and count the others in `omitted`. Default: all. */
  maxProblems?: number;
}

interface CompiledValidator {
  (data: unknown, context?: { instancePath?: string }): boolean;
  errors?: ErrorObject[] | null;
}

type Direction = 'client' | 'server';

/** What one protocol version's validation is made of: all of it generated from its spec tree. */
export interface FrameCatalogue {
  /** The generated validators module (`client_new_message`, `client_new_message_direct`, …). */
  compiled: object;
  clientEventTypes: readonly string[];
  serverEventTypes: readonly string[];
  chatTypes: readonly string[];
  /** Every property name any frame schema declares. */
  fieldNames: readonly string[];
}

interface Catalogue {
  validators: Record<string, CompiledValidator | undefined>;
  known: Record<Direction, ReadonlySet<string>>;
  /** Each direction's validator per event type, looked up once (`client_new_message` for "new_message"). */
  byType: Record<Direction, Map<string, CompiledValidator>>;
  chatTypes: readonly string[];
  fields: ReadonlySet<string>;
}

/** The validators' context for a whole frame. */
const AT_ROOT = { instancePath: '' };

/** Whether an object has more than WIDE_OBJECT_KEYS keys, counted without listing them. */
function isWide(obj: Record<string, unknown>): boolean {
  let count = 0;
  for (const _key in obj) if (++count > WIDE_OBJECT_KEYS) return true;
  return false;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const own = (obj: Record<string, unknown>, key: string): unknown =>
  Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;

function validatorOf(ctx: Catalogue, name: string): CompiledValidator {
  const validate = ctx.validators[name];
  if (!validate) throw new Error(`no generated validator ${name}: run npm run generate`);
  return validate;
}

function run(ctx: Catalogue, name: string, data: unknown, frame: unknown, instancePath = ''): Problem[] {
  const validate = validatorOf(ctx, name);
  return validate(data, { instancePath }) ? [] : toProblems(validate.errors ?? [], frame);
}

const insideContent = (p: Problem): boolean => p.pointer === '/content' || p.pointer.startsWith('/content/');

/**
 * Problems of an invalid chat event: those outside its content (the envelope checked with an empty
 * content, so the content's own problems are not listed once per oneOf branch), and those of its
 * content, judged by the variant its `chat_type` names.
 */
function chatEventProblems(
  ctx: Catalogue,
  name: string,
  frame: Record<string, unknown>,
  content: Record<string, unknown>,
): Problem[] {
  const outside = run(ctx, name, { ...frame, content: {} }, frame).filter((p) => !insideContent(p));
  const chatType = own(content, 'chat_type');
  if (typeof chatType === 'string' && ctx.chatTypes.includes(chatType)) {
    return [...outside, ...run(ctx, `${name}_${chatType}`, content, frame, '/content')];
  }
  // No usable chat_type: report what is wrong whichever variant was meant (the problems every
  // variant has, found through sets: linear in the number of problems, however many there are).
  const [first = [], ...others] = ctx.chatTypes.map((t) => run(ctx, `${name}_${t}`, content, frame, '/content'));
  const keysOf = (list: readonly Problem[]) => new Set(list.map(problemKey));
  const otherKeys = others.map(keysOf);
  const inAll = first.filter((p) => otherKeys.every((keys) => keys.has(problemKey(p))));
  const fixed = inAll.map((p) =>
    p.pointer === '/content/chat_type' && p.code === 'invalid_value'
      ? problem(p.pointer, p.code, `must be one of ${ctx.chatTypes.map((t) => JSON.stringify(t)).join(', ')}`)
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

function validateFrame<E>(ctx: Catalogue, direction: Direction, frame: unknown, max: number): ValidationResult<E> {
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
  if (!ctx.known[direction].has(type)) {
    const known = [...ctx.known[direction]].map((t) => JSON.stringify(t)).join(', ');
    return {
      ok: false,
      problems: [
        {
          pointer: '/type',
          code: 'unknown_event_type',
          message: `Unknown event type ${quote(type)}: expected one of ${known}`,
        },
      ],
    };
  }
  let validate = ctx.byType[direction].get(type);
  if (!validate) {
    validate = validatorOf(ctx, `${direction}_${type}`);
    ctx.byType[direction].set(type, validate);
  }
  // Most frames: a few keys, accepted by their schema, a direct chat id in order. Valid then, with
  // nothing more to build; anything else takes the full path below, which finds the same verdict.
  const frameContent = own(frame, 'content');
  if (
    !isWide(frame) &&
    !(isPlainObject(frameContent) && isWide(frameContent)) &&
    validate(frame, AT_ROOT) &&
    orderProblems(frame).length === 0
  )
    return { ok: true, event: frame as E };
  // A frame or content with hundreds of keys is validated on a narrowed copy (see narrow()).
  const outer = narrow(ctx, frame, '');
  const content = own(outer.value, 'content');
  const inner = isPlainObject(content) ? narrow(ctx, content, '/content') : null;
  const checked = inner?.dropped.length ? { ...outer.value, content: inner.value } : outer.value;
  const name = `${direction}_${type}`;
  let problems: Problem[] = [];
  if (!validate(checked, AT_ROOT)) {
    const hasVariants = ctx.validators[`${name}_direct`] !== undefined;
    problems =
      hasVariants && inner
        ? chatEventProblems(ctx, name, checked, inner.value)
        : toProblems(validate.errors ?? [], checked);
  }
  if (!problems.some((p) => p.pointer === '/content/chat_id')) problems = [...problems, ...orderProblems(frame)];
  problems = dedupe(problems);
  // The keys narrow() left out come last: described as far as `max` reaches, counted beyond it.
  const dropped = inner ? [outer, inner] : [outer];
  if (!problems.length && !dropped.some((d) => d.dropped.length)) return { ok: true, event: frame as E };
  let omitted = Math.max(0, problems.length - max);
  if (omitted) problems = problems.slice(0, max);
  for (const { pointer, dropped: keys } of dropped) {
    const listed = keys.slice(0, Math.max(0, max - problems.length));
    for (const key of listed) problems.push(problem(appendPointer(pointer, key), 'unknown_field', UNKNOWN_FIELD));
    omitted += keys.length - listed.length;
  }
  return omitted ? { ok: false, problems, omitted } : { ok: false, problems };
}

/** Objects with more keys than this are narrowed before validation (no frame has half as many fields). */
export const WIDE_OBJECT_KEYS = 64;
const UNKNOWN_FIELD = 'is not a field of this event';

/**
 * An object of a frame, narrowed when it is wide: its first WIDE_OBJECT_KEYS keys and every key some
 * schema declares are kept for the validators; the others (`dropped`, keys under `pointer`) are unknown
 * fields whatever the event, since every frame object has `additionalProperties: false`. So a
 * 64 KiB frame of thousands of keys costs a few milliseconds, not hundreds.
 */
function narrow(
  ctx: Catalogue,
  obj: Record<string, unknown>,
  pointer: string,
): { value: Record<string, unknown>; pointer: string; dropped: string[] } {
  const keys = Object.keys(obj);
  if (keys.length <= WIDE_OBJECT_KEYS) return { value: obj, pointer, dropped: [] };
  const value: Record<string, unknown> = {};
  const dropped: string[] = [];
  keys.forEach((key, i) => {
    if (i < WIDE_OBJECT_KEYS || ctx.fields.has(key)) value[key] = obj[key];
    else dropped.push(key);
  });
  return { value, pointer, dropped };
}

/** A version's two validators: a client's frames and a server's. */
export interface FrameValidators<C, S> {
  validateClientEvent(frame: unknown, options?: ValidateOptions): ValidationResult<C>;
  validateServerEvent(frame: unknown, options?: ValidateOptions): ValidationResult<S>;
}

/** The validators of one protocol version, from its generated validators and constants. */
export function createFrameValidators<C, S>(catalogue: FrameCatalogue): FrameValidators<C, S> {
  const ctx: Catalogue = {
    // A plain object, not the module namespace: a lookup per frame in a namespace object is slow.
    validators: { ...(catalogue.compiled as Record<string, CompiledValidator | undefined>) },
    known: { client: new Set(catalogue.clientEventTypes), server: new Set(catalogue.serverEventTypes) },
    byType: { client: new Map(), server: new Map() },
    chatTypes: catalogue.chatTypes,
    fields: new Set(catalogue.fieldNames),
  };
  return {
    validateClientEvent: (frame, options) => validateFrame<C>(ctx, 'client', frame, options?.maxProblems ?? Infinity),
    validateServerEvent: (frame, options) => validateFrame<S>(ctx, 'server', frame, options?.maxProblems ?? Infinity),
  };
}

const V1 = createFrameValidators<ClientEvent, ServerEvent>({
  compiled,
  clientEventTypes: CLIENT_EVENT_TYPES,
  serverEventTypes: SERVER_EVENT_TYPES,
  chatTypes: CHAT_TYPES,
  fieldNames: FIELD_NAMES,
});

/** Checks a parsed frame a client sent (or would send) against the spec. */
export const validateClientEvent: (frame: unknown, options?: ValidateOptions) => ValidationResult<ClientEvent> =
  V1.validateClientEvent;

/** Checks a parsed frame a server sent (or would send) against the spec. */
export const validateServerEvent: (frame: unknown, options?: ValidateOptions) => ValidationResult<ServerEvent> =
  V1.validateServerEvent;
