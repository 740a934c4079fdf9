// What the proxy relayed, judged, refused and cut short, counted (GET /healthz, `stats()`).

export interface ProxyCounts {
  /** Connections relayed since the start. */
  accepted: number;
  /** Frames relayed: "in" client → server, "out" server → client. */
  frames: { in: number; out: number };
  /** Frames that broke the spec: "in" by clients, "out" by the server. */
  invalid: { in: number; out: number };
  /** Upgrades the proxy refused itself, by HTTP status (path, Host, Origin, --max-connections, a bad handshake, shutting down). */
  refused: Record<string, number>;
  /** Upgrades the upstream refused (its status passed back), by status. */
  upstreamRefused: Record<string, number>;
  /** Upgrades answered 502 (upstream unreachable) or 504 (its handshake timed out). */
  upstreamFailed: number;
  /** Frames over --max-payload from a client (closed with 1009). */
  oversizedFrames: number;
  /** Other WebSocket errors on either side (that side closed by `ws`). */
  protocolErrors: number;
  /** Clients that pinged faster than --ping-limit (closed with 1008). */
  pingFloods: number;
  /** Frames that arrived for a side already closing: not relayed. */
  framesAfterClose: number;
}

export const emptyProxyCounts = (): ProxyCounts => ({
  accepted: 0,
  frames: { in: 0, out: 0 },
  invalid: { in: 0, out: 0 },
  refused: {},
  upstreamRefused: {},
  upstreamFailed: 0,
  oversizedFrames: 0,
  protocolErrors: 0,
  pingFloods: 0,
  framesAfterClose: 0,
});

/** A copy, for stats(). */
export const copyProxyCounts = (counts: ProxyCounts): ProxyCounts => ({
  ...counts,
  frames: { ...counts.frames },
  invalid: { ...counts.invalid },
  refused: { ...counts.refused },
  upstreamRefused: { ...counts.upstreamRefused },
});
