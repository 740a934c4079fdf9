// The mock's HTTP side as the page uses it: users, state, the spec, acting as a user, the faults,
// and on the proxy its connections.
import type { MockState, MockUserInfo } from '../../mock-server/http/control.js';
import type { FaultsSnapshot } from '../../mock-server/faults/faults.js';
import type { RelayInfo } from '../../mock-server/proxy/relay-info.js';
import type { Problem } from '../../protocol/index.js';
import type { SpecDocument } from './schema-form.js';

export type { MockState, MockUserInfo, Problem, FaultsSnapshot, RelayInfo };

async function getJson(path: string): Promise<unknown> {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return response.json();
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export async function fetchUsers(): Promise<MockUserInfo[]> {
  const body = await getJson('/__mock/users');
  return (Array.isArray(body) ? body : []) as MockUserInfo[];
}

export async function fetchState(): Promise<MockState> {
  return (await getJson('/__mock/state')) as MockState;
}

export async function fetchSpec(): Promise<SpecDocument> {
  return (await getJson('/asyncapi.json')) as SpecDocument;
}

export type ActAsOutcome =
  | { ok: true; status: number; body: unknown }
  | { ok: false; status: number; code: string | null; message: string; problems: Problem[]; body: unknown };

const isProblem = (value: unknown): value is Problem =>
  isObject(value) && typeof value.pointer === 'string' && typeof value.message === 'string';

/** Finds the refusal's code, message and problems wherever the response puts them. */
export function readRefusal(body: unknown): { code: string | null; message: string; problems: Problem[] } {
  const places: Record<string, unknown>[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (!isObject(node) || depth > 3) return;
    places.push(node);
    for (const key of ['error', 'content', 'details']) visit(node[key], depth + 1);
  };
  visit(body, 0);
  let code: string | null = null;
  let message = '';
  let problems: Problem[] = [];
  for (const place of places) {
    if (code === null && typeof place.code === 'string') code = place.code;
    if (!message && typeof place.message === 'string') message = place.message;
    if (!message && typeof place.error === 'string') message = place.error;
    if (!problems.length && Array.isArray(place.problems)) problems = place.problems.filter(isProblem);
  }
  return { code, message: message || 'The mock refused the event', problems };
}

/** POST /__mock/act-as/:userId with the frame: what the mock does with it, exactly as if that user sent it. */
export async function actAs(userId: number, frame: unknown): Promise<ActAsOutcome> {
  const response = await fetch(`/__mock/act-as/${userId}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(frame),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  if (response.ok) return { ok: true, status: response.status, body };
  const refusal = readRefusal(body);
  return {
    ok: false,
    status: response.status,
    ...refusal,
    message: refusal.message || (typeof body === 'string' ? body : ''),
    body,
  };
}

/** What an accepted act-as reached: connections in all, and the users they belong to. */
export function deliveredTo(body: unknown): { connections: number; userIds: number[] } | null {
  const deliveries = isObject(body) && Array.isArray(body.deliveries) ? body.deliveries : null;
  if (!deliveries) return null;
  let connections = 0;
  const users = new Set<number>();
  for (const d of deliveries) {
    if (!isObject(d)) continue;
    if (typeof d.connections === 'number') connections += d.connections;
    if (Array.isArray(d.user_ids)) for (const id of d.user_ids) if (typeof id === 'number') users.add(id);
  }
  return { connections, userIds: [...users] };
}

/** GET /healthz: which server this is (the proxy says `mode: "proxy"` and its upstream). */
export interface Health {
  mode?: 'proxy';
  upstream?: string;
  protocol?: string;
}

export async function fetchHealth(): Promise<Health> {
  return (await getJson('/healthz')) as Health;
}

/** GET /__mock/connections (the proxy): each connection, and who broke the contract on it. */
export async function fetchConnections(): Promise<RelayInfo[]> {
  const body = await getJson('/__mock/connections');
  return (Array.isArray(body) ? body : []) as RelayInfo[];
}

export async function fetchFaults(): Promise<FaultsSnapshot> {
  return (await getJson('/__mock/faults')) as FaultsSnapshot;
}

/** A fault endpoint (POST with a JSON body, or DELETE): the answer, or the error it gave. */
export async function faultRequest(
  method: 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const response = await fetch(path, {
    method,
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.ok) return { ok: true };
  const answer: unknown = await response.json().catch(() => null);
  const error = isObject(answer) && typeof answer.error === 'string' ? answer.error : `HTTP ${response.status}`;
  return { ok: false, error };
}
