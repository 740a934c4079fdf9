// The rules above the payloads: events (operations and their messages) added, removed or moved,
// channel addresses, servers and security schemes. Events are matched by what is on the wire, their
// direction and `type`, not by operation ids (which are not).
import type { CheckId } from './catalogue.js';
import { severityOf } from './direction.js';
import type { LoadedSpec } from './load.js';
import { readModel, type EventEntry, type SecurityScheme, type SpecModel } from './model.js';
import { childPointer } from './refs.js';
import { diffPayload } from './schema-diff.js';
import type { Breaks, Finding, Location, Severity } from './types.js';

const finding = (
  id: CheckId,
  breaks: Breaks,
  where: Location,
  reason: string,
  severity: Severity = severityOf(breaks),
): Finding => ({ id, severity, breaks, where, reason });

const eventWhere = (e: EventEntry, pointer = ''): Location => ({
  direction: e.direction,
  event: e.type,
  operation: e.operation,
  message: e.message,
  pointer,
});

const arrow = (e: EventEntry) => (e.direction === 'client-to-server' ? 'client -> server' : 'server -> client');

function removedEvent(e: EventEntry, revision: SpecModel): Finding {
  const id = revision.operations.has(e.operation) ? 'message.removed' : 'operation.removed';
  const reason =
    e.direction === 'client-to-server'
      ? `The client event ${e.type} is gone: clients built against the base send it, and servers built against the revision answer unknown_event_type`
      : `The server event ${e.type} is gone: clients built against the base wait for it, and servers built against the revision never send it`;
  return finding(id, 'clients', eventWhere(e), reason);
}

function addedEvent(e: EventEntry, base: SpecModel): Finding {
  const id = base.operations.has(e.operation) ? 'message.added' : 'operation.added';
  const reason =
    e.direction === 'client-to-server'
      ? `A new client event ${e.type}: servers built against the base answer it with unknown_event_type, so clients should send it only to servers that have upgraded`
      : `A new server event ${e.type}: non-breaking for clients that ignore event types they do not know (as clients must); clients built against the base never handle it`;
  return finding(id, 'none', eventWhere(e), reason);
}

function matchedEvent(base: LoadedSpec, revision: LoadedSpec, b: EventEntry, r: EventEntry): Finding[] {
  const out: Finding[] = [];
  if (b.operation !== r.operation)
    out.push(
      finding(
        'operation.renamed',
        'none',
        eventWhere(r),
        `${arrow(r)} ${r.type} moved from the operation ${b.operation} to ${r.operation} (ids are not on the wire)`,
        'info',
      ),
    );
  if (b.contentType !== r.contentType)
    out.push(
      finding(
        'message.content-type-changed',
        'both',
        eventWhere(r),
        `The content type changed from ${b.contentType ?? 'none'} to ${r.contentType ?? 'none'}`,
      ),
    );
  const docs = Object.keys(r.docs).filter((k) => b.docs[k] !== r.docs[k]);
  if (docs.length)
    out.push(
      finding('message.docs-changed', 'none', eventWhere(r), `The message's ${docs.join(', ')} changed`, 'info'),
    );
  out.push(...diffPayload(base, revision, r.direction, eventWhere(r), b.payload, r.payload));
  return out;
}

function addresses(bm: SpecModel, rm: SpecModel): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const [key, r] of rm.events) {
    const b = bm.events.get(key);
    if (!b || b.address === r.address) continue;
    const pair = `${b.address}|${r.address}`;
    if (seen.has(pair)) continue;
    seen.add(pair);
    out.push(
      finding(
        'channel.address-changed',
        'both',
        { channel: r.channel ?? '?', pointer: `/channels/${r.channel ?? '?'}/address` },
        `The address changed from ${b.address ?? 'none'} to ${r.address ?? 'none'}: clients built against the base connect to ${b.address ?? 'none'}, and servers built against the base do not serve ${r.address ?? 'none'}`,
      ),
    );
  }
  for (const [id, r] of rm.channels) {
    const b = bm.channels.get(id);
    if (b && b.bindings !== r.bindings)
      out.push(
        finding(
          'channel.bindings-changed',
          'none',
          { channel: id, pointer: `/channels/${id}/bindings` },
          `The bindings of the channel ${id} changed`,
          'info',
        ),
      );
  }
  return out;
}

function security(
  b: readonly SecurityScheme[],
  r: readonly SecurityScheme[],
  owner: string,
  where: Location,
): Finding[] {
  const out: Finding[] = [];
  const rs = new Set(r.map((s) => s.signature));
  const bs = new Set(b.map((s) => s.signature));
  for (const s of b.filter((s) => !rs.has(s.signature)))
    out.push(
      finding(
        'security.scheme-removed',
        'clients',
        where,
        `${owner} no longer accepts ${s.label}: clients built against the base that authenticate this way are refused`,
      ),
    );
  for (const s of r.filter((s) => !bs.has(s.signature)))
    out.push(
      finding(
        'security.scheme-added',
        'none',
        where,
        `${owner} also accepts ${s.label}; servers built against the base refuse it, so clients keep a scheme of the base until servers upgrade`,
      ),
    );
  return out;
}

function servers(bm: SpecModel, rm: SpecModel): Finding[] {
  const out: Finding[] = [];
  for (const [id, b] of bm.servers) {
    const where: Location = { server: id, pointer: childPointer('/servers', id) };
    const r = rm.servers.get(id);
    if (!r) {
      out.push(
        finding('server.removed', 'none', where, `The server ${id} (${b.host ?? '?'}) is no longer listed`, 'info'),
      );
      continue;
    }
    if (b.protocol !== r.protocol || b.pathname !== r.pathname)
      out.push(
        finding(
          'server.changed',
          'both',
          where,
          `The server ${id} moved from ${b.protocol ?? '?'}://${b.host ?? '?'}${b.pathname ?? ''} to ${r.protocol ?? '?'}://${r.host ?? '?'}${r.pathname ?? ''}: clients built against the base connect to the old one`,
        ),
      );
    else if (b.host !== r.host)
      out.push(
        finding(
          'server.changed',
          'none',
          where,
          `The server ${id} moved from ${b.host ?? '?'} to ${r.host ?? '?'}`,
          'info',
        ),
      );
    out.push(
      ...security(b.security, r.security, `The server ${id}`, { ...where, pointer: `${where.pointer}/security` }),
    );
  }
  for (const [id, r] of rm.servers)
    if (!bm.servers.has(id))
      out.push(
        finding(
          'server.added',
          'none',
          { server: id, pointer: childPointer('/servers', id) },
          `A new server ${id} (${r.host ?? '?'})`,
          'info',
        ),
      );
  for (const [id, r] of rm.operations) {
    const b = bm.operations.get(id);
    if (!b || (!b.security && !r.security)) continue;
    out.push(
      ...security(b.security ?? [], r.security ?? [], `The operation ${id}`, {
        operation: id,
        pointer: `${childPointer('/operations', id)}/security`,
      }),
    );
  }
  return out;
}

/** Every change between two loaded spec trees, except the version check. */
export function diffDocuments(base: LoadedSpec, revision: LoadedSpec): Finding[] {
  const bm = readModel(base);
  const rm = readModel(revision);
  const out: Finding[] = [...addresses(bm, rm), ...servers(bm, rm)];
  for (const [key, b] of bm.events) {
    const r = rm.events.get(key);
    out.push(...(r ? matchedEvent(base, revision, b, r) : [removedEvent(b, rm)]));
  }
  for (const [key, r] of rm.events) if (!bm.events.has(key)) out.push(addedEvent(r, bm));
  return out;
}
