// The rules above the payloads: events, channels, servers and security, each both ways.
import { describe, expect, it } from 'vitest';
import { allChanges, changes, frame, object, reasonOf, type SpecShape } from './helpers.js';

const content = object({ chat_id: { type: 'string' } });
const events = (client: string[], server: string[]): SpecShape => ({
  client: Object.fromEntries(client.map((t) => [t, frame(t, content)])),
  server: Object.fromEntries(server.map((t) => [t, frame(t, content)])),
});

describe('events', () => {
  it('a client event removed breaks clients that send it; added is non-breaking', () => {
    const before = events(['new_message', 'edit_message'], []);
    const after = events(['new_message'], []);
    expect(changes(before, after)).toEqual([
      { id: 'operation.removed', severity: 'breaking', breaks: 'clients', pointer: '', event: 'edit_message' },
    ]);
    expect(reasonOf(before, after, 'operation.removed')).toBe(
      'The client event edit_message is gone: clients built against the base send it, and servers built against the revision answer unknown_event_type',
    );
    expect(changes(after, before)).toEqual([
      { id: 'operation.added', severity: 'non-breaking', breaks: 'none', pointer: '', event: 'edit_message' },
    ]);
    expect(reasonOf(after, before, 'operation.added')).toBe(
      'A new client event edit_message: servers built against the base answer it with unknown_event_type, so clients should send it only to servers that have upgraded',
    );
  });

  it('a server event removed breaks clients that wait for it; added is non-breaking for clients that ignore unknown types', () => {
    const before = events([], ['new_message', 'edit_message']);
    const after = events([], ['new_message']);
    expect(changes(before, after)).toEqual([
      { id: 'operation.removed', severity: 'breaking', breaks: 'clients', pointer: '', event: 'edit_message' },
    ]);
    expect(changes(after, before)).toEqual([
      { id: 'operation.added', severity: 'non-breaking', breaks: 'none', pointer: '', event: 'edit_message' },
    ]);
    expect(reasonOf(after, before, 'operation.added')).toBe(
      'A new server event edit_message: non-breaking for clients that ignore event types they do not know (as clients must); clients built against the base never handle it',
    );
  });

  it('a message leaving or joining an operation that stays is message.removed / message.added', () => {
    const two = events(['a', 'b'], []);
    two.tweak = (doc) => {
      doc.operations.receiveA.messages.push({ $ref: '#/channels/chats/messages/clientB' });
      delete doc.operations.receiveB;
    };
    const one = events(['a'], []);
    expect(changes(two, one)).toEqual([
      { id: 'message.removed', severity: 'breaking', breaks: 'clients', pointer: '', event: 'b' },
    ]);
    expect(changes(one, two)).toEqual([
      { id: 'message.added', severity: 'non-breaking', breaks: 'none', pointer: '', event: 'b' },
    ]);
  });

  it('events are matched by direction and type: a renamed operation id is info only', () => {
    const renamed = events(['a'], []);
    renamed.tweak = (doc) => {
      doc.operations.clientSendsA = doc.operations.receiveA;
      delete doc.operations.receiveA;
    };
    expect(allChanges(events(['a'], []), renamed)).toEqual([
      { id: 'operation.renamed', severity: 'info', breaks: 'none', pointer: '', event: 'a' },
    ]);
    expect(allChanges(renamed, events(['a'], []))).toEqual([
      { id: 'operation.renamed', severity: 'info', breaks: 'none', pointer: '', event: 'a' },
    ]);
  });

  it('an event that changes direction is removed from one and added to the other', () => {
    expect(changes(events(['a'], []), events([], ['a']))).toEqual([
      { id: 'operation.removed', severity: 'breaking', breaks: 'clients', pointer: '', event: 'a' },
      { id: 'operation.added', severity: 'non-breaking', breaks: 'none', pointer: '', event: 'a' },
    ]);
  });

  it('a content type change breaks both sides', () => {
    const xml = events(['a'], []);
    xml.tweak = (doc) => {
      doc.components.messages.clientA.contentType = 'application/xml';
    };
    expect(changes(events(['a'], []), xml)).toEqual([
      { id: 'message.content-type-changed', severity: 'breaking', breaks: 'both', pointer: '', event: 'a' },
    ]);
    expect(changes(xml, events(['a'], []))).toEqual([
      { id: 'message.content-type-changed', severity: 'breaking', breaks: 'both', pointer: '', event: 'a' },
    ]);
  });

  it('changed message docs and examples are info', () => {
    const documented = events(['a'], []);
    documented.tweak = (doc) => {
      doc.components.messages.clientA.description = 'Sends a.';
      doc.components.messages.clientA.examples = [{ payload: { type: 'a', content: { chat_id: 'x' } } }];
    };
    expect(allChanges(events(['a'], []), documented)).toEqual([
      { id: 'message.docs-changed', severity: 'info', breaks: 'none', pointer: '', event: 'a' },
    ]);
    expect(reasonOf(events(['a'], []), documented, 'message.docs-changed')).toBe(
      "The message's description, examples changed",
    );
  });
});

describe('channels', () => {
  it('an address change breaks clients (they connect to the old one) and servers (they do not serve the new one)', () => {
    const chats = { ...events(['a'], ['b']), address: '/ws/chats/' };
    const chat = { ...events(['a'], ['b']), address: '/ws/chat/' };
    const expected = [
      {
        id: 'channel.address-changed',
        severity: 'breaking',
        breaks: 'both',
        pointer: '/channels/chats/address',
      },
    ];
    expect(changes(chats, chat)).toEqual(expected);
    expect(changes(chat, chats)).toEqual(expected);
    expect(reasonOf(chats, chat, 'channel.address-changed')).toBe(
      'The address changed from /ws/chats/ to /ws/chat/: clients built against the base connect to /ws/chats/, and servers built against the base do not serve /ws/chat/',
    );
  });
});

describe('security', () => {
  const header = { type: 'http', scheme: 'bearer' };
  const query = { type: 'httpApiKey', name: 'token', in: 'query' };
  const subprotocol = { type: 'httpApiKey', name: 'Sec-WebSocket-Protocol', in: 'header' };
  const three = {
    ...events(['a'], []),
    security: { bearerHeader: header, tokenQuery: query, bearerSubprotocol: subprotocol },
  };
  const two = { ...events(['a'], []), security: { tokenQuery: query, bearerSubprotocol: subprotocol } };

  it('a scheme removed breaks the clients that use it; added is non-breaking', () => {
    expect(changes(three, two)).toEqual([
      { id: 'security.scheme-removed', severity: 'breaking', breaks: 'clients', pointer: '/servers/mock/security' },
    ]);
    expect(reasonOf(three, two, 'security.scheme-removed')).toBe(
      'The server mock no longer accepts bearerHeader (bearer token in the Authorization header): clients built against the base that authenticate this way are refused',
    );
    expect(changes(two, three)).toEqual([
      { id: 'security.scheme-added', severity: 'non-breaking', breaks: 'none', pointer: '/servers/mock/security' },
    ]);
  });

  it('schemes are compared by what the client sends, not by their names', () => {
    const renamed = { ...events(['a'], []), security: { query: query, subprotocol: subprotocol } };
    expect(allChanges(two, renamed)).toEqual([]);
    const otherParam = {
      ...events(['a'], []),
      security: { tokenQuery: { ...query, name: 'access_token' }, bearerSubprotocol: subprotocol },
    };
    expect(changes(two, otherParam).map((f) => f.id)).toEqual(['security.scheme-removed', 'security.scheme-added']);
  });

  it('operation-level security is compared too', () => {
    const withOp = events(['a'], []);
    withOp.tweak = (doc) => {
      doc.operations.receiveA.security = [{ $ref: '#/components/securitySchemes/bearer' }];
    };
    const withoutOp = events(['a'], []);
    withoutOp.tweak = (doc) => {
      doc.operations.receiveA.security = [];
    };
    expect(changes(withOp, withoutOp)).toEqual([
      {
        id: 'security.scheme-removed',
        severity: 'breaking',
        breaks: 'clients',
        pointer: '/operations/receiveA/security',
      },
    ]);
  });
});

describe('servers', () => {
  const at = (servers: NonNullable<SpecShape['servers']>): SpecShape => ({ ...events(['a'], []), servers });
  it('a protocol or pathname change breaks both sides; a host change is info', () => {
    const ws = at({ prod: { host: 'api.example.com', protocol: 'ws' } });
    const wss = at({ prod: { host: 'api.example.com', protocol: 'wss' } });
    expect(changes(ws, wss)).toEqual([
      { id: 'server.changed', severity: 'breaking', breaks: 'both', pointer: '/servers/prod' },
    ]);
    expect(changes(wss, ws)).toEqual([
      { id: 'server.changed', severity: 'breaking', breaks: 'both', pointer: '/servers/prod' },
    ]);
    const moved = at({ prod: { host: 'chat.example.com', protocol: 'ws' } });
    expect(allChanges(ws, moved)).toEqual([
      { id: 'server.changed', severity: 'info', breaks: 'none', pointer: '/servers/prod' },
    ]);
  });
  it('a server added or removed is info', () => {
    const one = at({ prod: { host: 'api.example.com', protocol: 'wss' } });
    const two = at({
      prod: { host: 'api.example.com', protocol: 'wss' },
      staging: { host: 's.example.com', protocol: 'wss' },
    });
    expect(allChanges(one, two)).toEqual([
      { id: 'server.added', severity: 'info', breaks: 'none', pointer: '/servers/staging' },
    ]);
    expect(allChanges(two, one)).toEqual([
      { id: 'server.removed', severity: 'info', breaks: 'none', pointer: '/servers/staging' },
    ]);
  });
});
