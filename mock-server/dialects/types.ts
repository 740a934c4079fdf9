// A protocol version as the mock speaks it: a translation at the edge between the frames of that
// version and the one domain (mock-server/domain/), chosen once at start-up (`--protocol`).
import type { ClientEvent, ServerError, ServerEvent, ValidateOptions, ValidationResult } from '../../protocol/index.js';
import type { ClientEvent as ClientEventV2, ServerEvent as ServerEventV2 } from '../../protocol/v2/index.js';
import type { DomainEvent, DomainServerEvent, World } from '../domain/index.js';

/** The protocol versions the mock speaks. */
export const PROTOCOL_VERSIONS = [1, 2] as const;
export type ProtocolVersion = (typeof PROTOCOL_VERSIONS)[number];

/** A server frame of any version, as it goes on the wire. */
export type WireServerEvent = ServerEvent | ServerEventV2;
/** A client frame of any version, as it goes on the wire. */
export type WireClientEvent = ClientEvent | ClientEventV2;

/**
 * A client's frame read: the domain event it asks for, or the error event that answers it.
 * `frame` is the frame as it was sent, when it differs from the event (the traffic log shows it).
 */
export type Decoded = { ok: true; event: DomainEvent; frame?: unknown } | { ok: false; error: ServerError };

export interface Dialect {
  readonly version: ProtocolVersion;
  /** A text frame from a client: parsed, validated against this version's client schemas, translated. */
  decode(text: string): Decoded;
  /** A server event of the domain, as this version writes it (reads the world for what it adds). */
  encode(event: DomainServerEvent, world: World): WireServerEvent;
  /** A domain event as a client of this version sends it (what the bots send). */
  clientFrame(event: DomainEvent): unknown;
  /** Checks a frame a server sends against this version's server schemas. */
  validateServer(frame: unknown, options?: ValidateOptions): ValidationResult<WireServerEvent>;
  /** Checks a frame a client sends against this version's client schemas (what a relay that does not decode needs). */
  validateClient(frame: unknown, options?: ValidateOptions): ValidationResult<WireClientEvent>;
  /** The WebSocket path this version's document names (the mock serves both paths). */
  readonly path: '/ws/chats/' | '/ws/chat/';
  /** The spec as written and bundled, served at /asyncapi.yaml and /asyncapi.json. */
  readonly spec: { readonly yaml: string; readonly json: string };
}
