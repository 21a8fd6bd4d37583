/**
 * Lists the journey steps that passed only on a retry (vitest.e2e.config.ts retries a failed step once),
 * at the end of the run and in e2e/artifacts/flaky.json, so that a step that needed a second try is seen
 * and looked into rather than hidden by the retry. A step that fails twice fails the run as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Reporter, TestCase } from 'vitest/node';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');

export default class FlakyReporter implements Reporter {
  private readonly flaky: { file: string; name: string; retries: number }[] = [];
  private failed = 0;

  onTestCaseResult(testCase: TestCase): void {
    if (testCase.result().state === 'failed') this.failed++;
    const d = testCase.diagnostic();
    if (d?.flaky) {
      this.flaky.push({
        file: path.relative(process.cwd(), testCase.module.moduleId),
        name: testCase.fullName,
        retries: d.retryCount,
      });
    }
  }

  onTestRunEnd(): void {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'flaky.json'), `${JSON.stringify(this.flaky, null, 2)}\n`);
    if (this.flaky.length === 0) {
      if (this.failed === 0) console.log('E2E: every journey step passed on its first try');
      return;
    }
    console.log(`E2E: ${this.flaky.length} journey step(s) passed only on a retry (look into them):`);
    for (const f of this.flaky) console.log(`E2E:   ${f.file} > ${f.name} (retried ${f.retries}×)`);
  }
}
