// The mock behind the proxy, shaped like a MockServer: WebSockets go to the proxy (port, wsUrl),
// everything else (state, stats, reset, the control API at `url`) to the mock behind it. The mock's
// behaviour suites run on it unchanged under `npm run test:proxy` (CHATS_WS_TEST_VIA_PROXY=1, see
// test/mock/helpers.ts): whatever they see through the proxy, they would see from the mock.
import { type MockServer, type MockServerOptions, startMockServer } from '../../mock-server/index.js';
import { type ProxyServer, startProxyServer } from '../../mock-server/proxy/index.js';

/** Set by vitest.proxy.config.ts: the suites' test server is the mock behind the proxy. */
export const VIA_PROXY = process.env.CHATS_WS_TEST_VIA_PROXY === '1';

/** The proxy of each proxied test server, for tests that look at what it saw. */
export const proxyOf = new WeakMap<MockServer, ProxyServer>();

export async function startProxiedTestServer(options: MockServerOptions = {}): Promise<MockServer> {
  const mock = await startMockServer({ port: 0, host: '127.0.0.1', bots: false, log: 'silent', ...options });
  let proxy: ProxyServer;
  try {
    proxy = await startProxyServer({ upstream: mock.wsUrl, port: 0, log: 'silent' });
  } catch (err) {
    await mock.close();
    throw err;
  }
  const close = async (): Promise<void> => {
    await proxy.close();
    await mock.close();
    // The proxy judged every frame the mock sent: the mock never breaks the contract.
    const { invalid } = proxy.stats().counts;
    if (invalid.out > 0)
      throw new Error(
        `the proxy found ${invalid.out} invalid server frames: ${JSON.stringify(proxy.traffic.recent().filter((r) => r.direction === 'out' && !r.valid))}`,
      );
  };
  const proxied = new Proxy(mock, {
    get(target, key, receiver) {
      if (key === 'port') return proxy.port;
      if (key === 'wsUrl') return proxy.wsUrl;
      if (key === 'close') return close;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  proxyOf.set(proxied, proxy);
  return proxied;
}
