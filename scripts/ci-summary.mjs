// Reads vitest JSON reports and prints the CI line "N passed, M failed" (", K skipped" when any).
// Exits 1 when any test failed, when a report is missing, or when no test ran.
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;
const failures = [];
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.error(`no test report at ${file}: the test run did not finish`);
    missing++;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A suite that failed to load has no tests in the counts: count it as a failure.
  for (const suite of report.testResults ?? []) {
    const where = suite.name ? suite.name.replace(`${process.cwd()}/`, '') : file;
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) {
      failed++;
      failures.push(`${where}: did not load: ${firstLine(suite.message)}`);
    }
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'failed')
        failures.push(`${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
  }
}
failed += missing;
// The failures again, one line each, right above the closing line: the reports' own words, so a
// reader of a long log finds them without scrolling back.
for (const line of failures) console.log(`FAILED ${line}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

function firstLine(text) {
  return String(text ?? '')
    .split('\n')[0]
    .slice(0, 300);
}
