// The vocabulary of the breaking-change check: what a finding says, and what a report holds.
import type { CheckId } from './catalogue.js';

/** How much a change matters: `breaking` breaks a counterpart built against the base. */
export type Severity = 'breaking' | 'non-breaking' | 'info';

/** Whom a change breaks: the clients, or the servers, built against the base version (or both). */
export type Breaks = 'clients' | 'servers' | 'both' | 'none';

/** Which way a payload travels. `client-to-server` is a `receive` operation of the spec (the server's input). */
export type Direction = 'client-to-server' | 'server-to-client';

/** Where a change is. `pointer` points into the message payload when `event` is set, else into the document. */
export interface Location {
  direction?: Direction;
  /** The frame's `type` on the wire (`new_message`). */
  event?: string;
  /** The operation id (the revision's when it has one). */
  operation?: string;
  /** The message id (its key under `components.messages`). */
  message?: string;
  channel?: string;
  server?: string;
  /** JSON pointer (RFC 6901); `*` stands for any array item or any other property. */
  pointer: string;
  /** The variant of a `oneOf`/`anyOf` the change is in, by its discriminator (`chat_type=project`). */
  variant?: string;
}

export interface Finding {
  /** A stable check id from the catalogue (`property.removed`). */
  id: CheckId;
  severity: Severity;
  breaks: Breaks;
  where: Location;
  /** One line, for people. */
  reason: string;
}

/** One side of the comparison, as the report names it. */
export interface SideInfo {
  /** What the user gave: a path, or `git:<ref>[:<path>]`. */
  source: string;
  /** The commit a `git:` source was read at (abbreviated). */
  commit?: string;
  /** `info.version` of the spec. */
  version: string | null;
}

/** The semver bump a version change makes (for 0.x versions, the minor part counts as major). */
export type Bump = 'major' | 'minor' | 'patch' | 'prerelease' | 'none' | 'downgrade' | 'invalid';

export interface DiffSummary {
  breaking: number;
  nonBreaking: number;
  info: number;
  /** The smallest bump the changes need: a breaking change needs a major one, a non-breaking a minor one. */
  requiredBump: 'major' | 'minor' | 'none';
  /** The bump `info.version` made. */
  actualBump: Bump;
}

export interface DiffReport {
  base: SideInfo;
  revision: SideInfo;
  summary: DiffSummary;
  /** Sorted: breaking first, then non-breaking, then info; within each, by place. */
  findings: Finding[];
}

export const SEVERITIES: readonly Severity[] = ['breaking', 'non-breaking', 'info'];

/** Higher is more severe. */
export const severityRank = (severity: Severity): number => 2 - SEVERITIES.indexOf(severity);
