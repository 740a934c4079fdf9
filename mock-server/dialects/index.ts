// The protocol versions the mock speaks (`--protocol`), each a translation at the edge.
import type { Dialect, ProtocolVersion } from './types.js';
import { DIALECT_V1 } from './v1.js';
import { DIALECT_V2 } from './v2.js';

export type { Decoded, Dialect, ProtocolVersion, WireClientEvent, WireServerEvent } from './types.js';
export { PROTOCOL_VERSIONS } from './types.js';

const DIALECTS: Readonly<Record<ProtocolVersion, Dialect>> = { 1: DIALECT_V1, 2: DIALECT_V2 };

/** The dialect of a protocol version. */
export const dialectOf = (version: ProtocolVersion): Dialect => DIALECTS[version];
