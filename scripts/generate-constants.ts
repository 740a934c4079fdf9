// schemas/ -> generated/constants.ts: the event types, chat types and code catalogues as
// readonly tuples, so code can iterate them and TypeScript can narrow on them.
import {
  V1_TREE,
  bannerOf,
  commonSchema,
  enumValues,
  eventSchemas,
  outputPath,
  readJson,
  type JsonSchema,
  type OutputFile,
  type SpecTree,
} from './lib/catalogue.js';
import path from 'node:path';

const tuple = (name: string, doc: string, values: string[]) =>
  `/** ${doc} */\nexport const ${name} = ${JSON.stringify(values)} as const;\n`;

export function generateConstants(spec: SpecTree = V1_TREE): OutputFile[] {
  const events = eventSchemas(spec);
  const common = commonSchema(spec);
  const types = (pred: (e: (typeof events)[number]) => boolean) => events.filter(pred).map((e) => e.type);
  const errorSchema = readJson(path.join(spec.schemasDir, 'server/error.json'));
  const content = [
    `/* eslint-disable */\n/**\n * ${bannerOf(spec)}\n */\n`,
    tuple(
      'CLIENT_EVENT_TYPES',
      'Every `type` a client may send.',
      types((e) => e.direction === 'client'),
    ),
    tuple(
      'SERVER_EVENT_TYPES',
      'Every `type` a server may send.',
      types((e) => e.direction === 'server'),
    ),
    tuple(
      'CHAT_EVENT_TYPES',
      'Client event types that address a chat (`chat_type` + `chat_id`).',
      types((e) => e.direction === 'client' && e.chatVariants),
    ),
    tuple(
      'GENERAL_EVENT_TYPES',
      'Client event types without parameters.',
      types((e) => e.direction === 'client' && !e.chatVariants),
    ),
    tuple('CHAT_TYPES', 'The kinds of chat.', enumValues(common, 'ChatType')),
    tuple('ERROR_CODES', 'Codes of the server `error` event.', enumValues(errorSchema, 'ErrorCode')),
    tuple('PROBLEM_CODES', 'Codes of one problem inside an `error` event.', enumValues(errorSchema, 'ProblemCode')),
    tuple(
      'FIELD_NAMES',
      'Every property name any frame schema declares, at any depth (every other key is an unknown field).',
      fieldNames([common, ...events.map((e) => e.schema)]),
    ),
    `/** The pattern of a message text (1..MESSAGE_TEXT_MAX_LENGTH characters once trimmed). */\nexport const MESSAGE_TEXT_PATTERN = ${JSON.stringify(common.definitions?.MessageText?.pattern)};\n`,
    `/** The longest message text, counted after trimming (read from the MessageText pattern). */\nexport const MESSAGE_TEXT_MAX_LENGTH = ${messageTextMaxLength(common)};\n`,
  ].join('\n');
  return [{ path: outputPath(spec, 'constants.ts'), content }];
}

/** MessageText's pattern is `^\\s*\\S(?:[\\s\\S]{0,N}\\S)?\\s*$`: N + 2 characters at most once trimmed. */
function messageTextMaxLength(common: JsonSchema): number {
  const pattern = common.definitions?.MessageText?.pattern;
  const inner = typeof pattern === 'string' ? /\{0,(\d+)\}/.exec(pattern) : null;
  if (!inner?.[1]) throw new Error('common.json MessageText.pattern has no {0,N} bound');
  return Number(inner[1]) + 2;
}

/** The names under every `properties` of the schemas, at any depth, sorted. */
function fieldNames(schemas: readonly JsonSchema[]): string[] {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const { properties } = node as JsonSchema;
    if (properties) for (const name of Object.keys(properties)) names.add(name);
    for (const value of Object.values(node)) walk(value);
  };
  schemas.forEach(walk);
  return [...names].sort();
}
