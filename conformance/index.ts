/**
 * chats-ws-protocol/conformance: tests a real backend's /ws/chats/ endpoint against the contract.
 */
export {
  runConformance,
  ConformanceOptionsError,
  isConformanceOptionsError,
  DEFAULT_SETTLE_MS,
  DEFAULT_TIMEOUT_MS,
  type ConformanceOptions,
} from './run.js';
export { CHECKS, CHECK_NAMES, type CheckInfo, type Need } from './catalogue.js';
export { formatJson, formatSummary, formatText, exitCodeOf } from './report.js';
export { formatJunit } from './junit.js';
export type { CheckResult, CheckStatus, Report, ReportSummary } from './results.js';
export type { LeftBehind } from './ledger.js';
export type { TraceLine, TraceListener } from './trace.js';
export type { RunUser as ConformanceUser } from './session.js';
export { TRANSPORTS, type Transport } from './transports.js';
export { PROTOCOL_V1 } from './profile/v1.js';
export { PROTOCOL_V2 } from './profile/v2.js';
export type { ProtocolProfile } from './profile/types.js';
