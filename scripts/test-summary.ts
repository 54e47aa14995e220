// Prints Vitest's JSON results (one file or several, summed) as the one closing line CI reads:
// "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numFailedTestSuites?: number;
}

const files = process.argv.length > 2 ? process.argv.slice(2) : ['artifacts/test-results.json'];
let passed = 0;
let failed = 0;
for (const file of files) {
  if (!existsSync(file)) {
    console.error(`No test results at ${file}: type checking or lint failed before the tests ran.`);
    failed++;
    continue;
  }
  const results = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
  passed += results.numPassedTests;
  // A file that fails outside any test (a crashing beforeAll, an import error) counts as one failure.
  failed += Math.max(results.numFailedTests, results.numFailedTestSuites ?? 0);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
