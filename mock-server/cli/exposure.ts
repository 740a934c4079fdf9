// What a banner says under its title when the server listens beyond loopback.
import { isLoopbackName, ownHostNames } from '../gateway/origin-policy.js';

export interface Exposed {
  port: number;
  controlToken: string | null;
  inspectorUrl: string;
}

/** The mock's own reason to be careful: everyone has the same tokens. */
export const FIXTURE_TOKENS_NOTE =
  "The users' tokens are the fixtures' (the same for everyone): anyone on the network can chat as them.";

/** Where it can be reached from, what that means (`notes`), and how to use its control API. */
export function exposureWarnings(
  server: Exposed,
  host: string,
  what = 'the mock',
  notes: readonly string[] = [FIXTURE_TOKENS_NOTE],
): string[] {
  const addresses = [...ownHostNames(host)]
    .filter((name) => !isLoopbackName(name) && !['0.0.0.0', '::'].includes(name))
    .map((name) => `http://${name.includes(':') ? `[${name}]` : name}:${server.port}`);
  return [
    `Listening on ${host}: every machine that can reach this one can use ${what}` +
      (addresses.length ? ` (${addresses.slice(0, 3).join(', ')}${addresses.length > 3 ? ', …' : ''})` : '') +
      '.',
    ...notes,
    `Control API, live stream and inspector want the control token: x-control-token: ${server.controlToken ?? ''}`,
    `or open ${server.inspectorUrl}`,
  ];
}
