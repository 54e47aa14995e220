// Prints Vitest's JSON results as the one closing line CI reads: "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numFailedTestSuites?: number;
}

const file = process.argv[2] ?? 'artifacts/test-results.json';
if (!existsSync(file)) {
  console.log('0 passed, 1 failed');
  console.error(`No test results at ${file}: type checking or lint failed before the tests ran.`);
  process.exit(1);
}
const results = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
// A file that fails outside any test (a crashing beforeAll, an import error) counts as one failure.
const failed = Math.max(results.numFailedTests, results.numFailedTestSuites ?? 0);
console.log(`${results.numPassedTests} passed, ${failed} failed`);
process.exit(failed > 0 || results.numPassedTests === 0 ? 1 : 0);
