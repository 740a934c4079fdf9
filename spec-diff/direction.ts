// Whom a change breaks, from which way the payload travels. A client -> server payload is sent by
// clients and read by servers; a server -> client payload the other way round. A narrowed payload
// breaks its senders built against the base (what they send may now be refused); a widened one its
// receivers built against the base (what they receive may now be unknown to them).
import type { Breaks, Direction, Severity } from './types.js';

export type Change = 'narrowed' | 'widened' | 'changed';

export type Party = 'clients' | 'servers';

export const senderOf = (direction: Direction): Party => (direction === 'client-to-server' ? 'clients' : 'servers');
export const receiverOf = (direction: Direction): Party => (direction === 'client-to-server' ? 'servers' : 'clients');

/** Clients read tolerantly: they ignore fields and event types they do not know. Servers refuse them. */
export const readsTolerantly = (party: Party): boolean => party === 'clients';

export function breaksOf(change: Change, direction: Direction): Breaks {
  if (change === 'changed') return 'both';
  return change === 'narrowed' ? senderOf(direction) : receiverOf(direction);
}

/** `both` when both parties are named, `none` when neither. */
export function breaksFrom(clients: boolean, servers: boolean): Breaks {
  if (clients && servers) return 'both';
  if (clients) return 'clients';
  return servers ? 'servers' : 'none';
}

export const severityOf = (breaks: Breaks): Severity => (breaks === 'none' ? 'non-breaking' : 'breaking');

/** "clients built against the base", for reasons. */
export const builtOnBase = (party: Party): string => `${party} built against the base`;
