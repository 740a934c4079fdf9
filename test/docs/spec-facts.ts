// What the docs site must show, read from asyncapi.yaml and schemas/ (never from a list typed in the tests).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Ref {
  $ref: string;
}
interface Example {
  name?: string;
  summary?: string;
  payload: unknown;
}
interface Message {
  name: string;
  summary?: string;
  examples?: Example[];
  'x-refusals'?: { code: string; when: string }[];
}
interface Spec {
  channels: Record<string, { address: string }>;
  operations: Record<string, { action: 'send' | 'receive'; messages: Ref[] }>;
  components: { messages: Record<string, Message>; securitySchemes: Record<string, { description: string }> };
}

export const spec = parse(fs.readFileSync(path.join(ROOT, 'asyncapi.yaml'), 'utf8')) as Spec;

/** One event as the site shows it: its anchor is `client-<name>` or `server-<name>`. */
export interface EventFacts {
  id: string;
  name: string;
  direction: 'client → server' | 'server → client';
  message: Message;
}

export const events: EventFacts[] = Object.entries(spec.operations).map(([id, op]) => {
  const key = op.messages[0]?.$ref.split('/').pop() ?? '';
  // Operations point at the channel's messages, which point at components.messages of the same key.
  const message = spec.components.messages[key];
  if (!message) throw new Error(`operation ${id}: no components.messages.${key}`);
  const side = op.action === 'receive' ? 'client' : 'server';
  return {
    id: `${side}-${message.name}`,
    name: message.name,
    direction: side === 'client' ? 'client → server' : 'server → client',
    message,
  };
});

export const addresses = [...new Set(Object.values(spec.channels).map((c) => c.address))];

export const securitySchemes = Object.keys(spec.components.securitySchemes);

/** Every `content.code` of the error event, from schemas/server/error.json. */
export const errorCodes = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/server/error.json'), 'utf8')) as {
    definitions: { ErrorCode: { enum: string[] } };
  }
).definitions.ErrorCode.enum;

/** An example as the site prints it (JSON.stringify with two spaces). */
export const printed = (payload: unknown): string => JSON.stringify(payload, null, 2);

/** Every object key used anywhere in a value. */
export function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysOf(inner, into);
    }
  }
  return into;
}
