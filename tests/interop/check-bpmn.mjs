// Imports BPMN files with bpmn-moddle (zero warnings) and lints them with bpmnlint's
// recommended rules: zero errors and zero warnings.
//
// usage: node check-bpmn.mjs FILE.bpmn ...
import { readFileSync } from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import Linter from 'bpmnlint/lib/linter.js';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';

const files = process.argv.slice(2);
const moddle = new BpmnModdle();
let failed = 0;
let warnings = 0;
for (const file of files) {
  const xml = readFileSync(file, 'utf8');
  let definitions;
  try {
    const result = await moddle.fromXML(xml);
    definitions = result.rootElement;
    for (const warning of result.warnings) {
      console.error(`${file}: import warning: ${warning.message}`);
      failed++;
    }
  } catch (error) {
    console.error(`${file}: import failed: ${error.message}`);
    failed++;
    continue;
  }
  // A linter per file: its rules keep state between elements (no-duplicate-sequence-flows).
  const linter = new Linter({
    config: { extends: 'bpmnlint:recommended' },
    resolver: new NodeResolver(),
  });
  const reports = await linter.lint(definitions);
  for (const [rule, problems] of Object.entries(reports)) {
    for (const problem of problems) {
      const line = `${file}: ${problem.category} ${rule}: ${problem.message} (${problem.id})`;
      // Warnings fail too: fake joins and overlapping shapes are what we promise not to make.
      console.error(line);
      if (problem.category === 'error') failed++;
      else warnings++;
    }
  }
}
console.log(`${files.length} BPMN files imported by bpmn-moddle and linted by bpmnlint:recommended: ${failed} errors, ${warnings} warnings`);
process.exit(failed || warnings ? 1 : 0);
