// Every check the protocol diff can report, with a stable id and the rule it applies. The id never
// changes meaning; a finding's severity and `breaks` come from the rule and the payload's direction.
//
// Direction: a client -> server payload (a `receive` operation) is the server's input; a server ->
// client payload (a `send` operation) is the client's input. A narrowed payload breaks whoever
// sends it (built against the base), a widened one whoever receives it. Clients read tolerantly:
// they ignore fields and event types they do not know, so new fields or events in server -> client
// payloads break nobody. Servers validate strictly: an unknown field in a closed client payload
// (`additionalProperties: false`) is refused.

export interface CheckInfo {
  readonly id: string;
  readonly description: string;
}

const CATALOGUE = [
  ['version.changed', 'info.version changed (info); says which bump it is.'],
  [
    'version.bump-too-small',
    'info.version does not announce the changes: a breaking change needs a major bump, a non-breaking one a minor bump (in 0.x: minor and patch). Its severity is that of the unannounced changes.',
  ],
  ['version.invalid', 'info.version is not a semantic version, so it cannot announce the changes.'],
  [
    'channel.address-changed',
    'The address of a channel an operation uses changed: clients built against the base connect to the old one; servers built against the base do not serve the new one.',
  ],
  ['channel.bindings-changed', 'The WebSocket bindings of a channel (query, headers) changed (info).'],
  [
    'server.changed',
    "A server's protocol or pathname changed (breaks connecting clients); a host change alone is info.",
  ],
  ['server.added', 'A server was added (info).'],
  ['server.removed', 'A server was removed (info: servers are deployments, not the protocol).'],
  [
    'security.scheme-removed',
    'A way to authenticate is no longer accepted (by a server or an operation): clients that use it break.',
  ],
  [
    'security.scheme-added',
    'A new way to authenticate: non-breaking; servers built against the base refuse it, so clients keep a base scheme until servers upgrade.',
  ],
  [
    'operation.removed',
    'An operation and its messages are gone: a removed client event breaks the clients that send it (the server answers unknown_event_type); a removed server event breaks the clients that wait for it.',
  ],
  [
    'operation.added',
    'A new operation: a new client event is non-breaking (servers built against the base answer unknown_event_type); a new server event is non-breaking for clients that ignore unknown types.',
  ],
  ['operation.renamed', 'The same event is now in an operation with another id (info: ids are not on the wire).'],
  ['message.removed', 'A message left an operation that remains: as operation.removed, for that event.'],
  ['message.added', 'A message joined an existing operation: as operation.added, for that event.'],
  ['message.content-type-changed', 'The content type of a message changed: breaks both sides.'],
  ['message.docs-changed', 'The title, summary, description or examples of a message changed (info).'],
  [
    'property.removed',
    'A field is gone. Server -> client: a required one breaks clients that read it; an optional one breaks nobody. Client -> server: breaks clients when the revision refuses unknown fields, and servers when the field was required. A renamed field is a removal plus an addition.',
  ],
  [
    'property.added',
    'A new field. Required: breaks whoever sends the payload (built against the base, they do not send it). Client -> server: also breaks servers when the base refused unknown fields. An optional field in a server -> client payload breaks nobody (clients ignore unknown fields).',
  ],
  ['property.now-required', 'An optional field became required: breaks whoever sends the payload.'],
  ['property.now-optional', 'A required field became optional: breaks whoever receives the payload.'],
  [
    'additional-properties.narrowed',
    'Unknown fields are no longer allowed: breaks clients that send them (client -> server); server -> client: breaks nobody.',
  ],
  [
    'additional-properties.widened',
    'Unknown fields are now allowed: breaks servers built against the base (client -> server); server -> client: breaks nobody.',
  ],
  ['type.narrowed', 'Fewer JSON types are allowed: breaks whoever sends the payload.'],
  ['type.widened', 'More JSON types are allowed: breaks whoever receives the payload.'],
  ['type.changed', 'The JSON type changed: breaks both sides.'],
  ['enum.narrowed', 'Allowed values were removed (enum or const), or a value list was introduced: breaks senders.'],
  ['enum.widened', 'Allowed values were added, or the value list was dropped: breaks receivers.'],
  ['enum.changed', 'Values were both removed and added (a const that changed): breaks both sides.'],
  ['pattern.added', 'A string must now match a pattern: breaks senders.'],
  ['pattern.removed', 'A string no longer has to match a pattern: breaks receivers.'],
  [
    'pattern.changed',
    'A pattern changed: which strings it allows cannot be compared in general, so it breaks both sides.',
  ],
  ['format.added', 'A string must now have a format (date-time, uri, ...): breaks senders.'],
  ['format.removed', 'A string no longer has to have a format: breaks receivers.'],
  ['format.changed', 'A string format changed: breaks both sides.'],
  ['length.narrowed', 'minLength raised or added, maxLength lowered or added: breaks senders.'],
  ['length.widened', 'minLength lowered or dropped, maxLength raised or dropped: breaks receivers.'],
  ['range.narrowed', 'A numeric bound (minimum, maximum, exclusive ones, multipleOf) tightened: breaks senders.'],
  ['range.widened', 'A numeric bound loosened or dropped: breaks receivers.'],
  [
    'range.changed',
    'multipleOf changed to a number that neither divides nor is a multiple of the old one: breaks both sides.',
  ],
  [
    'size.narrowed',
    'minItems/minProperties raised, maxItems/maxProperties lowered, or uniqueItems added: breaks senders.',
  ],
  ['size.widened', 'An array or object size bound loosened, or uniqueItems dropped: breaks receivers.'],
  ['variant.removed', 'A oneOf/anyOf alternative is gone: breaks senders that use it.'],
  ['variant.added', 'A new oneOf/anyOf alternative: breaks receivers that do not know it.'],
  ['ref.target-changed', 'A $ref points at another definition (info; the changes of the payload are reported apart).'],
  [
    'schema.unchecked-change',
    'A keyword this check does not analyse (allOf, not, if/then/else, patternProperties, ...) changed: reported as breaking both sides, review it by hand.',
  ],
] as const satisfies readonly (readonly [string, string])[];

export type CheckId = (typeof CATALOGUE)[number][0];

/** Every check, with what it means. */
export const CHECKS: readonly CheckInfo[] = CATALOGUE.map(([id, description]) => ({ id, description }));
