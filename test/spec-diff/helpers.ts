// Small AsyncAPI 3 documents built in memory, so each rule can be tested on the one change it is about.
import {
  diffSpecs,
  loadSpec,
  memorySource,
  type DiffReport,
  type Finding,
  type LoadedSpec,
} from '../../spec-diff/index.js';

export type Schema = Record<string, unknown>;

export interface SpecShape {
  version?: string;
  address?: string;
  /** Client -> server events: type -> payload schema (a `receive` operation each). */
  client?: Record<string, Schema>;
  /** Server -> client events: type -> payload schema (a `send` operation each). */
  server?: Record<string, Schema>;
  /** Further files of the tree (JSON), by name relative to asyncapi.yaml. */
  files?: Record<string, unknown>;
  /** Security schemes every server accepts, by name. */
  security?: Record<string, Schema>;
  servers?: Record<string, { host: string; protocol: string; pathname?: string }>;
  /** Changes the document after it is built. */
  tweak?: (doc: Record<string, any>) => void;
}

const upper = (type: string) => type.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());

export function document(shape: SpecShape): Record<string, any> {
  const messages: Record<string, unknown> = {};
  const channelMessages: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const [side, events] of [
    ['client', shape.client],
    ['server', shape.server],
  ] as const) {
    for (const [type, payload] of Object.entries(events ?? {})) {
      const id = `${side}${upper(type)}`;
      messages[id] = { name: type, contentType: 'application/json', payload };
      channelMessages[id] = { $ref: `#/components/messages/${id}` };
      operations[`${side === 'client' ? 'receive' : 'send'}${upper(type)}`] = {
        action: side === 'client' ? 'receive' : 'send',
        channel: { $ref: '#/channels/chats' },
        messages: [{ $ref: `#/channels/chats/messages/${id}` }],
      };
    }
  }
  const security = shape.security ?? { bearer: { type: 'http', scheme: 'bearer' } };
  const servers = shape.servers ?? { mock: { host: 'localhost:8000', protocol: 'ws' } };
  const doc: Record<string, any> = {
    asyncapi: '3.0.0',
    info: { title: 'test', version: shape.version ?? '1.0.0' },
    servers: Object.fromEntries(
      Object.entries(servers).map(([id, s]) => [
        id,
        { ...s, security: Object.keys(security).map((name) => ({ $ref: `#/components/securitySchemes/${name}` })) },
      ]),
    ),
    channels: { chats: { address: shape.address ?? '/ws/chats/', messages: channelMessages } },
    operations,
    components: { messages, securitySchemes: security },
  };
  shape.tweak?.(doc);
  return doc;
}

export function files(shape: SpecShape): Record<string, string> {
  return {
    'asyncapi.yaml': JSON.stringify(document(shape), null, 2),
    ...Object.fromEntries(Object.entries(shape.files ?? {}).map(([name, value]) => [name, JSON.stringify(value)])),
  };
}

export function load(shape: SpecShape, source = 'test'): LoadedSpec {
  const result = loadSpec(memorySource(files(shape), 'asyncapi.yaml', source));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export const report = (base: SpecShape, revision: SpecShape): DiffReport =>
  diffSpecs(load(base, 'base'), load(revision, 'revision'));

/** What a test asserts about a finding. */
export interface Seen {
  id: string;
  severity: string;
  breaks: string;
  pointer: string;
  variant?: string;
  event?: string;
}

export const seen = (f: Finding): Seen => ({
  id: f.id,
  severity: f.severity,
  breaks: f.breaks,
  pointer: f.where.pointer,
  ...(f.where.variant ? { variant: f.where.variant } : {}),
  ...(f.where.event ? { event: f.where.event } : {}),
});

/** The findings of base -> revision, without the version check and without info. */
export function changes(base: SpecShape, revision: SpecShape): Seen[] {
  return report(base, revision)
    .findings.filter((f) => !f.id.startsWith('version.') && f.severity !== 'info')
    .map(seen);
}

/** Every finding of base -> revision but the version check, info included. */
export function allChanges(base: SpecShape, revision: SpecShape): Seen[] {
  return report(base, revision)
    .findings.filter((f) => !f.id.startsWith('version.'))
    .map(seen);
}

/** A payload of the usual shape, `{type, content}`, closed, with the given content schema. */
export function frame(type: string, content: Schema): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'content'],
    properties: { type: { const: type }, content },
  };
}

/** A closed object with these properties, all required unless listed in `optional`. */
export function object(properties: Record<string, Schema>, optional: string[] = [], extra: Schema = {}): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    properties,
    ...extra,
  };
}

/** The same content schema as a client event and as a server event, to test both directions at once. */
export const clientEvent = (content: Schema): SpecShape => ({ client: { ping: frame('ping', content) } });
export const serverEvent = (content: Schema): SpecShape => ({ server: { ping: frame('ping', content) } });

/** The reason of the one finding `id` of base -> revision (fails when there is not exactly one). */
export function reasonOf(base: SpecShape, revision: SpecShape, id: string): string {
  const found = report(base, revision).findings.filter((f) => f.id === id);
  if (found.length !== 1) throw new Error(`expected one ${id}, found ${found.length}`);
  return (found[0] as Finding).reason;
}

/** A finding expected in the event `ping` (the event clientEvent/serverEvent build). */
export const ping = (id: string, severity: string, breaks: string, pointer: string, variant?: string): Seen => ({
  id,
  severity,
  breaks,
  pointer,
  ...(variant ? { variant } : {}),
  event: 'ping',
});
