// What the HTTP guard refused, counted. Its own module, free of express types, because the public
// MockServer type (stats().http) includes it.
export interface GuardStats {
  /** Requests refused, by HTTP status. */
  refused: { 401: number; 403: number; 415: number };
}
