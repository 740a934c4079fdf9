// The fault endpoints as a test calls them: a JSON body, the status and the JSON answer; and an
// upgrade's refusal with its headers.
import http from 'node:http';
import type { FaultsSnapshot, TrafficRecord } from '../../mock-server/index.js';

export async function call(
  base: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

export const faultsOf = async (base: string): Promise<FaultsSnapshot> =>
  (await call(base, 'GET', '/__mock/faults')).json as unknown as FaultsSnapshot;

/** The fault records of GET /__mock/traffic (after seq `since`): what each did (`frame.fault`) and its note. */
export async function faultRecords(base: string, since = 0): Promise<TrafficRecord[]> {
  const { json } = await call(base, 'GET', `/__mock/traffic?since=${since}`);
  return (json.records as TrafficRecord[]).filter((r) => r.source === 'fault');
}

export const faultOf = (record: TrafficRecord): string => (record.frame as { fault: string }).fault;

/** An upgrade's refusal with its headers (the WebSocket client hides them). */
export function upgradeRefusal(
  wsUrl: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; retryAfter: string | null; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.get(wsUrl.replace(/^ws/, 'http'), {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    request.once('upgrade', (_res, socket) => {
      socket.destroy();
      reject(new Error('the upgrade was accepted'));
    });
    request.once('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          retryAfter: (response.headers['retry-after'] as string | undefined) ?? null,
          body,
          headers: response.headers,
        }),
      );
    });
    request.once('error', reject);
  });
}
