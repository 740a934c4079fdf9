// What the gateway refused or cut short, counted. Its own module, free of `ws` types, because the
// public MockServer type (stats().gateway) includes it.
export interface GatewayStats {
  /** Upgrades refused, by HTTP status. */
  refused: { 403: number; 404: number; 429: number; 503: number };
  /** Frames larger than maxPayload (socket closed with 1009). */
  oversizedFrames: number;
  /** Text frames that were not UTF-8 (socket closed with 1007). */
  invalidUtf8Frames: number;
  /** Other WebSocket protocol violations (socket closed with 1002). */
  protocolErrors: number;
  /** Messages sent in more fragments than --max-fragments (socket closed with 1008). */
  fragmentFloods: number;
  /** Sockets that sent pings faster than --ping-limit (closed with 1008). */
  pingFloods: number;
  /** Frames that arrived after the socket began closing (shutdown, a slow or oversized client): not applied. */
  framesAfterClose: number;
  /** Frames answered with `rate_limited`. */
  rateLimitedFrames: number;
  /** Sockets dropped because they did not read their frames (closed with 1013). */
  slowClientsDropped: number;
  /** Sockets dropped because they did not answer a ping. */
  deadConnectionsDropped: number;
}

export const emptyGatewayStats = (): GatewayStats => ({
  refused: { 403: 0, 404: 0, 429: 0, 503: 0 },
  oversizedFrames: 0,
  invalidUtf8Frames: 0,
  protocolErrors: 0,
  fragmentFloods: 0,
  pingFloods: 0,
  framesAfterClose: 0,
  rateLimitedFrames: 0,
  slowClientsDropped: 0,
  deadConnectionsDropped: 0,
});
