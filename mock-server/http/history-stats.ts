// The HTTP history endpoints' counts, apart from their router: the public ./mock types import no express.

/** What the HTTP history endpoints answered, and how many answers broke the OpenAPI document. */
export interface HistoryStats {
  requests: number;
  violations: number;
}
