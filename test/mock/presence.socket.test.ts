// Presence over real sockets: connect, disconnect, several connections, set_online/set_offline.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../../mock-server/index.js';
import { Clients, settle, startTestServer, until } from './helpers.js';

let server: MockServer;
let clients: Clients;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  expect(server.stats().outgoingViolations).toBe(0);
  await server.close();
});
beforeEach(() => {
  clients = new Clients(server);
});
afterEach(async () => {
  await clients.closeAll();
});

const online = (userId: number) => ({ type: 'set_online', content: { user_id: userId } });
const offline = (userId: number) => ({ type: 'set_offline', content: { user_id: userId } });

describe('presence', () => {
  it("a user's first connection tells every other connected user, not the user", async () => {
    const james = await clients.open(23);
    const lidia = await clients.open(27);
    await clients.drain();
    const anna = await clients.open(12);
    const [a, j, l] = await settle(anna, james, lidia);
    expect(a).toEqual([]);
    expect(j).toEqual([online(12)]);
    expect(l).toEqual([online(12)]);
    expect(server.state().online).toContain(12);
  });

  it('a second connection of the same user is not announced; only the last disconnection is', async () => {
    const james = await clients.open(23);
    const anna = await clients.open(12);
    await clients.drain();
    const annaTab = await clients.open(12, { way: 'query' });
    const [j1] = await settle(james);
    expect(j1).toEqual([]);
    await annaTab.close();
    await until(() => server.stats().connections === 2);
    const [j2] = await settle(james);
    expect(j2).toEqual([]);
    expect(server.state().online).toContain(12);
    await anna.close();
    await until(() => server.stats().connections === 1);
    const [j3] = await settle(james);
    expect(j3).toEqual([offline(12)]);
    expect(server.state().online).not.toContain(12);
  });

  it('set_online and set_offline from a client reach every connected user, the sender included', async () => {
    const anna = await clients.open(12);
    const annaTab = await clients.open(12);
    const james = await clients.open(23);
    await clients.drain();
    anna.send({ type: 'set_offline', content: {} });
    const [a, tab, j] = await settle(anna, annaTab, james);
    expect([a, tab, j]).toEqual([[offline(12)], [offline(12)], [offline(12)]]);
    expect(server.state().online).not.toContain(12);
    anna.send({ type: 'set_online', content: {} });
    const after = await settle(anna, annaTab, james);
    expect(after).toEqual([[online(12)], [online(12)], [online(12)]]);
    expect(server.state().online).toContain(12);
  });

  it('refuses parameters on set_online', async () => {
    const anna = await clients.open(12);
    anna.send({ type: 'set_online', content: { user_id: 12 } });
    const [frames] = await settle(anna);
    expect(frames).toMatchObject([
      {
        type: 'error',
        content: {
          code: 'invalid_event',
          event_type: 'set_online',
          problems: [{ pointer: '/content/user_id', code: 'unknown_field' }],
        },
      },
    ]);
  });

  it('with the bots off, simulated users are offline (nobody answers), also after a reset', async () => {
    const bots = server.users.filter((u) => u.bot).map((u) => u.id);
    expect(bots).toEqual([5, 10, 15]);
    expect(server.state().online).toEqual([]);
    expect(server.users.filter((u) => u.online)).toEqual([]);
    await server.reset();
    expect(server.state().online).toEqual([]);
  });

  it('with the bots off, someone connected as a simulated user is online', async () => {
    const eric = await clients.open(5);
    expect(server.state().online).toEqual([5]);
    await eric.close();
    await until(() => server.stats().connections === 0);
    expect(server.state().online).toEqual([]);
  });
});

describe('presence with the bots on', () => {
  it('simulated users are online from the start, and after a reset', async () => {
    const withBots = await startTestServer({ bots: true });
    try {
      expect(withBots.state().online).toEqual([5, 10, 15]);
      expect(withBots.users.filter((u) => u.online).map((u) => u.id)).toEqual([5, 10, 15]);
      await withBots.reset();
      expect(withBots.state().online).toEqual([5, 10, 15]);
    } finally {
      await withBots.close();
    }
  });
});
