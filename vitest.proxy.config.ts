// npm run test:proxy: the mock's own behaviour suites (auth, events, presence, refusals) run
// unchanged through the validating proxy: their test server (test/mock/helpers.ts) becomes the
// mock behind the proxy. Not the limits and heartbeat suites: those are the mock's own, not the
// protocol's (see vitest.config.ts).
import { defineConfig } from 'vitest/config';

export const PROXIED_SUITES = [
  'test/mock/auth.socket.test.ts',
  'test/mock/chat-events.socket.test.ts',
  'test/mock/new-message.socket.test.ts',
  'test/mock/presence.socket.test.ts',
  'test/hardening/bad-input.socket.test.ts',
  // Proves the suites above really ran through the proxy (not a *.test.ts: npm test leaves it out).
  'test/proxy/suites-via-proxy.proxied-test.ts',
];

export default defineConfig({
  test: {
    include: PROXIED_SUITES,
    env: { CHATS_WS_TEST_VIA_PROXY: '1' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
