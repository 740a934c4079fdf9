// The three ways the spec lets a client send its token at the handshake. A module of its own,
// free of \`ws\` types, because the public types of ./conformance name them.

export const TRANSPORTS = ['header', 'query', 'subprotocol'] as const;
export type Transport = (typeof TRANSPORTS)[number];

export const TRANSPORT_LABELS: Readonly<Record<Transport, string>> = {
  header: 'Authorization: Bearer <token> header',
  query: '?token=<token> query parameter',
  subprotocol: 'Sec-WebSocket-Protocol: Bearer, <token> (subprotocols ["Bearer", token])',
};
