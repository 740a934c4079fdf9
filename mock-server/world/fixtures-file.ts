// Loading a world from JSON (`--fixtures FILE`, or an object given to startMockServer).
//
// The shape is what GET /__mock/state exports (extra top-level keys are ignored):
//   { "users":    [{ "id": 12, "first_name": "Анна", "last_name": "Смирнова", "avatar": null,
//                    "bot": false, "token": "<optional: a JWT is minted when absent>" }],
//     "projects": [{ "id": 7, "title": "…", "leader_id": 12, "collaborator_ids": [23] }],
//     "messages": [{ "id": 54, "chat_type": "direct", "chat_id": "12_23", "author_id": 23,
//                    "text": "…", "reply_to": null, "created_at": "2026-11-24T10:15:30.000Z",
//                    "is_read": false, "is_deleted": false }] }
// `bot`, `token`, `title`, `reply_to`, `is_read`, `is_deleted` may be left out.
import { readFile } from 'node:fs/promises';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseDirectChatId, valueAt } from '../../protocol/index.js';
import { projectMemberIds } from '../domain/index.js';
import type { WorldData } from '../domain/index.js';
import type { StoredMessage, WorldUser } from '../domain/index.js';
import { userToken } from './fixtures.js';

/** Ids are safe integers: a larger one would be rounded by JSON.parse, and name someone else. */
const id = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER };

/** ISO 8601 date and time with a time zone, as the protocol's `created_at` (e.g. 2026-11-24T10:15:30.000Z). */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const SCHEMA = {
  type: 'object',
  required: ['users', 'projects', 'messages'],
  properties: {
    users: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'first_name', 'last_name'],
        properties: {
          id,
          first_name: { type: 'string', maxLength: 150 },
          last_name: { type: 'string', maxLength: 150 },
          avatar: { type: ['string', 'null'] },
          bot: { type: 'boolean' },
          token: { type: 'string', minLength: 1, pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" },
        },
      },
    },
    projects: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'leader_id', 'collaborator_ids'],
        properties: { id, title: { type: 'string' }, leader_id: id, collaborator_ids: { type: 'array', items: id } },
      },
    },
    messages: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'chat_type', 'chat_id', 'author_id', 'text', 'created_at'],
        properties: {
          id,
          chat_type: { enum: ['direct', 'project'] },
          chat_id: { type: ['string', 'integer'] },
          author_id: id,
          text: { type: 'string', minLength: 1, maxLength: 8192 },
          reply_to: { anyOf: [id, { type: 'null' }] },
          created_at: { type: 'string' },
          is_read: { type: 'boolean' },
          is_deleted: { type: 'boolean' },
          is_edited: { type: 'boolean' },
          files: { type: 'array', items: { type: 'string', minLength: 1 } },
        },
      },
    },
  },
} as const;

/** Compiled on first use: most runs use the seeded world and never need it. */
let compiled: ValidateFunction | undefined;
const validateShape = (): ValidateFunction =>
  (compiled ??= new Ajv({ allErrors: true, strict: false }).compile(SCHEMA));

export type FixturesResult = { ok: true; world: WorldData } | { ok: false; errors: string[] };

type RawUser = Omit<WorldUser, 'bot' | 'token' | 'avatar'> & Partial<Pick<WorldUser, 'bot' | 'token' | 'avatar'>>;
type RawMessage = Omit<StoredMessage, 'reply_to' | 'is_read' | 'is_deleted'> &
  Partial<Pick<StoredMessage, 'reply_to' | 'is_read' | 'is_deleted'>>;
interface RawWorld {
  users: RawUser[];
  projects: { id: number; title?: string; leader_id: number; collaborator_ids: number[] }[];
  messages: RawMessage[];
}

const where = (path: string): string =>
  path
    .replace(/^\//, '')
    .replace(/\/(\d+)/g, '[$1]')
    .replace(/\//g, '.') || 'the file';

/** Checks and completes a world given as data; every problem is listed, with where it is. */
export function parseFixtures(data: unknown, secret: string): FixturesResult {
  const validate = validateShape();
  if (!validate(data)) {
    const errors = (validate.errors ?? []).map((e) =>
      e.keyword === 'maximum' && e.params.limit === Number.MAX_SAFE_INTEGER
        ? `${where(e.instancePath)}: ${String(valueAt(data, e.instancePath)).slice(0, 40)} is beyond ${Number.MAX_SAFE_INTEGER}, the largest id JSON numbers hold exactly (a larger one is rounded, and names someone else)`
        : `${where(e.instancePath)}: ${e.message ?? 'is invalid'}`,
    );
    return { ok: false, errors: [...new Set(errors)] };
  }
  const raw = data as unknown as RawWorld;
  const errors: string[] = [];
  const userIds = new Set<number>();
  raw.users.forEach((u, i) =>
    userIds.has(u.id) ? errors.push(`users[${i}].id: ${u.id} is used twice`) : userIds.add(u.id),
  );
  const tokens = new Map<string, number>();
  raw.users.forEach((u, i) => {
    if (u.token === undefined) return;
    const first = tokens.get(u.token);
    if (first !== undefined)
      errors.push(`users[${i}].token: the same token as users[${first}] (each user needs a token of their own)`);
    else tokens.set(u.token, i);
  });
  const projects = new Map<number, number[]>();
  raw.projects.forEach((p, i) => {
    if (projects.has(p.id)) errors.push(`projects[${i}].id: ${p.id} is used twice`);
    for (const member of [p.leader_id, ...p.collaborator_ids]) {
      if (!userIds.has(member)) errors.push(`projects[${i}]: user ${member} does not exist`);
    }
    projects.set(p.id, projectMemberIds(p));
  });
  const chatOf = new Map<number, string>();
  raw.messages.forEach((m, i) => {
    const at = `messages[${i}]`;
    if (chatOf.has(m.id)) errors.push(`${at}.id: ${m.id} is used twice`);
    chatOf.set(m.id, `${m.chat_type}:${m.chat_id}`);
    if (!ISO_TIMESTAMP.test(m.created_at) || Number.isNaN(Date.parse(m.created_at)))
      errors.push(
        `${at}.created_at: not an ISO 8601 date and time such as "2026-11-24T10:15:30.000Z": ${JSON.stringify(m.created_at.slice(0, 80))}`,
      );
    let members: number[] | undefined;
    if (m.chat_type === 'direct') {
      const ids = typeof m.chat_id === 'string' ? parseDirectChatId(m.chat_id) : null;
      if (!ids)
        errors.push(
          `${at}.chat_id: a direct chat id is "{smaller user id}_{larger user id}", got ${JSON.stringify(m.chat_id)}`,
        );
      members = ids ?? undefined;
      for (const member of members ?? [])
        if (!userIds.has(member)) errors.push(`${at}.chat_id: user ${member} does not exist`);
    } else {
      members = typeof m.chat_id === 'number' ? projects.get(m.chat_id) : undefined;
      if (!members) errors.push(`${at}.chat_id: project ${JSON.stringify(m.chat_id)} does not exist`);
    }
    if (members && !members.includes(m.author_id))
      errors.push(`${at}.author_id: user ${m.author_id} is not a member of that chat`);
  });
  raw.messages.forEach((m, i) => {
    if (m.reply_to != null && chatOf.get(m.reply_to) !== `${m.chat_type}:${m.chat_id}`) {
      errors.push(`messages[${i}].reply_to: message ${m.reply_to} is not in chat ${m.chat_id}`);
    }
  });
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    world: {
      users: raw.users.map((u) => ({ avatar: null, bot: false, ...u, token: u.token ?? userToken(u.id, secret) })),
      projects: raw.projects.map((p) => ({ title: `Project ${p.id}`, ...p })),
      messages: raw.messages.map((m) => ({
        reply_to: null,
        is_read: false,
        is_deleted: false,
        ...m,
        created_at: new Date(m.created_at).toISOString(),
      })),
    },
  };
}

/** Reads and checks a fixtures file. */
export async function loadFixturesFile(file: string, secret: string): Promise<FixturesResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { ok: false, errors: [`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`${file} is not JSON: ${err instanceof Error ? err.message : String(err)}`] };
  }
  const result = parseFixtures(data, secret);
  return result.ok ? result : { ok: false, errors: result.errors.map((e) => `${file}: ${e}`) };
}
