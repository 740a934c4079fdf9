// Faults on demand (disconnect, outage, degraded links, stall) for the mock and the proxy alike.
export {
  Faults,
  type FaultTarget,
  type FaultCounts,
  type FaultsSnapshot,
  type FaultsOptions,
  type OutageRefusal,
} from './faults.js';
export {
  type DisconnectSpec,
  type FaultDirection,
  type LinkRule,
  type LinkSpec,
  type OutageSpec,
  type StallSpec,
  type Parsed,
  DEFAULT_CLOSE_CODE,
  DEFAULT_CLOSE_REASON,
  DEFAULT_OUTAGE_STATUS,
  describeLink,
  isSendableCloseCode,
  parseDisconnectSpec,
  parseLinkSpec,
  parseOutageSpec,
  parseStallSpec,
} from './rules.js';
