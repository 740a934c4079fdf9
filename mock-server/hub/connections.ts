// The open WebSocket connections, by user: who is connected and where each delivery goes.
import type { TokenSource } from '../gateway/auth.js';
import type { Recipients } from '../domain/index.js';

export interface Connection {
  readonly id: string;
  readonly userId: number;
  readonly via: TokenSource;
  readonly openedAt: string;
  /** Sends a text frame (UTF-8 text, or its bytes encoded once for every recipient) if the socket is still open. */
  send(data: string | Buffer): void;
  close(code: number, reason: string): void;
}

export class ConnectionRegistry {
  private readonly byUser = new Map<number, Set<Connection>>();
  private readonly all = new Map<string, Connection>();

  get size(): number {
    return this.all.size;
  }

  /** Registers a connection; true when it is the user's first. */
  add(connection: Connection): boolean {
    this.all.set(connection.id, connection);
    const set = this.byUser.get(connection.userId);
    if (set) {
      set.add(connection);
      return false;
    }
    this.byUser.set(connection.userId, new Set([connection]));
    return true;
  }

  /** Forgets a connection; true when it was the user's last. */
  remove(connection: Connection): boolean {
    if (!this.all.delete(connection.id)) return false;
    const set = this.byUser.get(connection.userId);
    if (!set) return false;
    set.delete(connection);
    if (set.size > 0) return false;
    this.byUser.delete(connection.userId);
    return true;
  }

  isConnected(userId: number): boolean {
    return this.byUser.has(userId);
  }

  connectedUserIds(): number[] {
    return [...this.byUser.keys()].sort((a, b) => a - b);
  }

  list(): Connection[] {
    return [...this.all.values()];
  }

  forUser(userId: number): ReadonlySet<Connection> | undefined {
    return this.byUser.get(userId);
  }

  /** The open connections of the recipients, grouped by user (users without connections left out). */
  resolve(to: Recipients): Map<number, ReadonlySet<Connection>> {
    const result = new Map<number, ReadonlySet<Connection>>();
    if (to.kind === 'users') {
      for (const userId of to.userIds) {
        const set = this.byUser.get(userId);
        if (set) result.set(userId, set);
      }
      return result;
    }
    for (const [userId, set] of this.byUser) if (userId !== to.except) result.set(userId, set);
    return result;
  }
}
