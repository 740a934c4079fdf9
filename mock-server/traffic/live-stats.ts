// The live stream's counts. Its own module, free of express types, because the public MockServer
// type (stats().live) includes it.
export interface LiveStats {
  subscribers: number;
  /** Subscriptions refused because `maxClients` were open. */
  refused: number;
  /** Subscribers disconnected for falling behind or not reading. */
  dropped: number;
}
