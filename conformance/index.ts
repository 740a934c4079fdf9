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
export { CHECKS, CHECK_NAMES, type CheckInfo } from './catalogue.js';
export { formatJson, formatSummary, formatText, exitCodeOf } from './report.js';
export type { CheckResult, CheckStatus, Report, ReportSummary } from './results.js';
export type { RunUser as ConformanceUser } from './session.js';
export { TRANSPORTS, type Transport } from './client.js';
