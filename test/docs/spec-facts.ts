// What the docs site must show, read from asyncapi.yaml (never from a list typed in the tests).
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
  title?: string;
  description?: string;
  examples?: Example[];
}
interface Spec {
  info: { description: string };
  channels: Record<string, { address: string; messages: Record<string, Ref> }>;
  operations: Record<string, { action: 'send' | 'receive'; summary: string; channel: Ref; messages: Ref[] }>;
  components: { messages: Record<string, Message>; securitySchemes: Record<string, { description: string }> };
}

export interface OperationFacts {
  id: string;
  action: 'send' | 'receive';
  summary: string;
  address: string;
  messageKey: string;
  message: Message;
}

export const spec = parse(fs.readFileSync(path.join(ROOT, 'asyncapi.yaml'), 'utf8')) as Spec;

const lastSegment = (ref: Ref): string => ref.$ref.split('/').pop() ?? '';

export const operations: OperationFacts[] = Object.entries(spec.operations).map(([id, op]) => {
  const channel = spec.channels[lastSegment(op.channel)];
  const [messageRef, ...more] = op.messages;
  if (!channel || !messageRef || more.length) throw new Error(`operation ${id}: expected one channel and one message`);
  const channelMessage = channel.messages[lastSegment(messageRef)];
  if (!channelMessage) throw new Error(`operation ${id}: ${messageRef.$ref} is not in its channel`);
  const messageKey = lastSegment(channelMessage);
  const message = spec.components.messages[messageKey];
  if (!message) throw new Error(`operation ${id}: no components.messages.${messageKey}`);
  return { id, action: op.action, summary: op.summary, address: channel.address, messageKey, message };
});

/** The event names (`type`) of the protocol, both directions. */
export const eventNames = [...new Set(Object.values(spec.components.messages).map((m) => m.name))];

export const addresses = [...new Set(Object.values(spec.channels).map((c) => c.address))];

export const allExamples = Object.entries(spec.components.messages).flatMap(([key, message]) =>
  (message.examples ?? []).map((example) => ({ messageKey: key, ...example })),
);

/** An example as the template prints it (JSON.stringify with two spaces). */
export const printed = (payload: unknown): string => JSON.stringify(payload, null, 2);

/** Letters and digits only: compares Markdown sources with their rendered text. */
export const lettersAndDigits = (text: string): string => text.replace(/[^\p{L}\p{N}]+/gu, '');

/** The letters and digits a reader sees of a Markdown text (list numbers are not text once rendered). */
export const markdownLettersAndDigits = (markdown: string): string =>
  lettersAndDigits(markdown.replace(/^\s*\d+\.\s/gm, ''));

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
