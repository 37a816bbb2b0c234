// Renders BPMN files with bpmn-js in Debian's Chromium, as bpmn.io would: no import
// warning, and every flow element, lane, data object reference and association drawn
// (bpmn-js silently skips an element without diagram interchange, so we count).
// Saves a screenshot of each file.
//
// usage: node check-bpmn-render.mjs SHOT_DIR FILE.bpmn ...
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [shotDir, ...files] = process.argv.slice(2);
mkdirSync(shotDir, { recursive: true });
const here = fileURLToPath(new URL('.', import.meta.url));
const dist = join(here, 'node_modules/bpmn-js/dist');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
await page.setContent(`<!DOCTYPE html><html><head>
  <style>html,body,#canvas{margin:0;width:100%;height:100%}</style></head>
  <body><div id="canvas"></div></body></html>`);
// Loaded from node_modules as text: the page makes no request at all.
await page.addStyleTag({ content: readFileSync(join(dist, 'assets/bpmn-js.css'), 'utf8') });
await page.addScriptTag({ content: readFileSync(join(dist, 'bpmn-viewer.development.js'), 'utf8') });
let failed = 0;
for (const file of files) {
  const xml = readFileSync(file, 'utf8');
  const result = await page.evaluate(async (xml) => {
    window.viewer?.destroy();
    window.viewer = new BpmnJS({ container: '#canvas' });
    try {
      const { warnings } = await window.viewer.importXML(xml);
      window.viewer.get('canvas').zoom('fit-viewport');
      const registry = window.viewer.get('elementRegistry');
      const drawn = new Set(registry.getAll().map((e) => e.id));
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const kinds = ['task', 'callActivity', 'exclusiveGateway', 'parallelGateway', 'startEvent',
        'endEvent', 'sequenceFlow', 'lane', 'participant', 'dataObjectReference',
        'dataInputAssociation', 'dataOutputAssociation'];
      const expected = kinds.flatMap((k) => [...doc.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', k)].map((e) => e.getAttribute('id')));
      const missing = expected.filter((id) => !drawn.has(id));
      return { warnings: warnings.map((w) => w.message), expected: expected.length, missing };
    } catch (error) {
      return { error: error.message };
    }
  }, xml);
  if (result.error) {
    console.error(`${file}: bpmn-js failed: ${result.error}`);
    failed++;
    continue;
  }
  for (const warning of result.warnings) {
    console.error(`${file}: import warning: ${warning}`);
    failed++;
  }
  for (const id of result.missing) {
    console.error(`${file}: ${id} was not drawn`);
    failed++;
  }
  console.log(`${file}: ${result.expected - result.missing.length} of ${result.expected} elements drawn`);
  await page.screenshot({ path: join(shotDir, `${basename(file, '.bpmn')}.png`) });
}
for (const error of errors) {
  console.error(`page error: ${error}`);
  failed++;
}
await browser.close();
console.log(`${files.length} BPMN files rendered by bpmn-js: ${failed} problems`);
process.exit(failed ? 1 : 0);
