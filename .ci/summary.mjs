// Adds up the JSON reports of the CI's test runs into one "N passed, N failed" line.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
for (const name of existsSync(dir) ? readdirSync(dir) : []) {
  if (!name.endsWith(".json")) continue; // the browser tests' log lies beside the reports
  const report = JSON.parse(readFileSync(path.join(dir, name), "utf8"));
  if (name.startsWith("vitest")) {
    passed += report.numPassedTests ?? 0;
    failed += (report.numFailedTests ?? 0) + (report.numTotalTests ? 0 : 1);
    console.log(`${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  } else if (name.startsWith("playwright")) {
    const s = report.stats ?? {};
    passed += (s.expected ?? 0) + (s.flaky ?? 0);
    failed += s.unexpected ?? 0;
    console.log(
      `${name}: ${(s.expected ?? 0) + (s.flaky ?? 0)} passed (${s.flaky ?? 0} flaky), ${s.unexpected ?? 0} failed`,
    );
  }
}
console.log(`${passed} passed, ${failed} failed`);
