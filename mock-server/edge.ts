// What the mock and the proxy set up alike at their edge: the limits, the degraded links asked for
// at the start, whether they listen beyond loopback, the control token, the Host and Origin
// policy, the HTTP guard that applies it, and the traffic log.
import { parseLinkSpec } from './faults/index.js';
import type { LinkSpec } from './faults/index.js';
import type { LinkInput } from './faults/control.js';
import { type LimitOptions, type Limits, resolveLimits } from './gateway/limits.js';
import { type OriginPolicy, exposedAt, ownHostNames } from './gateway/origin-policy.js';
import { createGuard } from './http/guard.js';
import { resolveControlToken } from './http/listen.js';
import type { MockLogger } from './traffic/log.js';
import { DEFAULT_TRAFFIC_LIMITS, TrafficLog } from './traffic/traffic.js';

export interface EdgeOptions extends LimitOptions {
  host?: string;
  controlToken?: string;
  trafficCapacity?: number;
  trafficBytes?: number;
  degradedLinks?: readonly LinkInput[];
}

export interface Edge {
  host: string;
  limits: Limits;
  /** The degraded links in force from the start, checked. */
  links: LinkSpec[];
  exposed: boolean;
  controlToken: string | null;
  policy: OriginPolicy;
  traffic: TrafficLog;
}

/** Checks the options (a RangeError names what is wrong) and builds what they describe. */
export function prepareEdge(options: EdgeOptions, seed: number): Edge {
  const host = options.host ?? '127.0.0.1';
  const limits = resolveLimits(options);
  const links = (options.degradedLinks ?? []).map((link) => {
    const parsed = parseLinkSpec(link, seed);
    if (!parsed.ok) throw new RangeError(`degradedLinks: ${parsed.errors.join('; ')}`);
    return parsed.value;
  });
  const exposed = exposedAt(host);
  const controlToken = resolveControlToken(options.controlToken, exposed);
  const policy: OriginPolicy = {
    allowedOrigins: limits.allowedOrigins,
    allowedHosts: limits.allowedHosts,
    ownHosts: ownHostNames(host),
  };
  const traffic = new TrafficLog({
    records: options.trafficCapacity ?? DEFAULT_TRAFFIC_LIMITS.records,
    bytes: options.trafficBytes ?? DEFAULT_TRAFFIC_LIMITS.bytes,
  });
  return { host, limits, links, exposed, controlToken, policy, traffic };
}

/** The HTTP guard of the edge, its refusals told in the log. */
export function edgeGuard(edge: Edge, logger: MockLogger): ReturnType<typeof createGuard> {
  return createGuard({
    policy: edge.policy,
    controlToken: edge.controlToken,
    refused: (status, reason, req) =>
      logger.connection({
        event: 'refused',
        status,
        path: req.path.slice(0, 200),
        reason,
        ...(req.socket.remoteAddress ? { remote: req.socket.remoteAddress } : {}),
      }),
  });
}
