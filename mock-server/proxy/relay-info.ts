// What GET /__mock/connections shows of each connection the proxy relays (free of `ws` types:
// the public ./mock types include it).

/** Who broke the contract on a connection: the client (an invalid client frame), the server, both, or nobody. */
export type Blame = 'client' | 'server' | 'both' | null;

/** A connection as GET /__mock/connections shows it on the proxy. */
export interface RelayInfo {
  id: string;
  /** From the token's JWT `user_id` when it has one (unverified: the upstream decides who it is). */
  user_id: number | null;
  path: string;
  subprotocol: string | null;
  opened_at: string;
  closed_at: string | null;
  /** How it ended: the code and reason, and which side closed first ("client", "server", or "proxy" for a fault or shutdown). */
  close: { code: number; reason: string; by: string } | null;
  frames: { in: number; out: number };
  invalid: { in: number; out: number };
  broke_contract: Blame;
}
