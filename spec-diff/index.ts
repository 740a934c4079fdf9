/**
 * chats-ws-protocol/diff: compares two versions of an AsyncAPI 3 spec tree and says what changed,
 * whom each change breaks (clients or servers built against the base), and whether info.version
 * announces it.
 */
export { diffSpecs, sortFindings, UNANNOUNCED_CHECKS } from './diff.js';
export { loadSpec, type LoadedSpec, type TreeNode } from './load.js';
export { openSource, fileSource, gitSource, memorySource, type SpecSource } from './sources.js';
export { formatText, formatJson, formatMarkdown, exitCodeOf, describeWhere } from './report.js';
export { runDiff, diffCommand } from './command.js';
export { CHECKS, type CheckId, type CheckInfo } from './catalogue.js';
export { LOAD_ERROR_CODES, type LoadError, type LoadErrorCode, type Result } from './errors.js';
export { bumpOf, announces, parseSemver } from './semver.js';
export {
  SEVERITIES,
  type Breaks,
  type Bump,
  type DiffReport,
  type DiffSummary,
  type Direction,
  type Finding,
  type Location,
  type Severity,
  type SideInfo,
} from './types.js';
