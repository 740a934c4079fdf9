// Run by `npm run test:proxy` with the mock's behaviour suites: proves their test server is the
// mock behind the proxy, so what they passed, they passed through it.
import { describe, expect, it } from 'vitest';
import { connect, startTestServer } from '../mock/helpers.js';
import { VIA_PROXY, proxyOf } from './proxied-server.js';

describe('the suites of npm run test:proxy', () => {
  it('connect to the proxy, which relays to the mock', async () => {
    expect(VIA_PROXY).toBe(true);
    const server = await startTestServer();
    try {
      const proxy = proxyOf.get(server);
      expect(proxy).toBeDefined();
      expect(server.wsUrl).toBe(proxy?.wsUrl);
      const anna = await connect(server, 12);
      anna.send({ type: 'set_online', content: {} });
      await anna.next((frame) => frame.type === 'set_online');
      expect(server.stats().connections).toBe(1); // the mock's count: the proxy's upstream connection
      expect(proxy?.stats().counts).toMatchObject({
        accepted: 1,
        frames: { in: 1, out: 1 },
        invalid: { in: 0, out: 0 },
      });
      await anna.close();
    } finally {
      await server.close();
    }
  });
});
