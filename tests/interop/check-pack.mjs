// Opens a built pack in Debian's Chromium as a reader would: every HTML page loads with
// no console error, no failed or external request, and every internal link (file and
// #anchor) resolves. Saves screenshots of the pages named on the command line.
//
// usage: node check-pack.mjs PACK_DIR SHOT_DIR [page.html ...]
import { chromium } from 'playwright-core';
import { readdirSync, statSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [packArg, shotArg, ...shots] = process.argv.slice(2);
if (!packArg || !shotArg) {
  console.error('usage: node check-pack.mjs PACK_DIR SHOT_DIR [page.html ...]');
  process.exit(2);
}
const pack = resolve(packArg);
mkdirSync(shotArg, { recursive: true });

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  }).sort();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const problems = [];
let current = '';
page.on('console', (msg) => {
  if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${current}: console ${msg.type()}: ${msg.text()}`);
});
page.on('pageerror', (error) => problems.push(`${current}: script error: ${error.message}`));
page.on('requestfailed', (request) => problems.push(`${current}: failed request ${request.url()}`));
await page.route('**/*', (route) => {
  const url = route.request().url();
  if (url.startsWith('file://')) return route.continue();
  problems.push(`${current}: external request ${url}`);
  return route.abort();
});

const ids = new Map();   // file path -> Set of element ids
const links = [];        // [from page, href resolved]
const files = htmlFiles(pack);
for (const file of files) {
  current = relative(pack, file);
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const found = await page.evaluate(() => ({
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
    // SVG links (the maps, the organisation chart) have no string `href` property: read
    // the attribute and resolve it as the browser does.
    links: [...document.querySelectorAll('a[href], a[*|href], link[href]')].map((e) =>
      new URL(e.getAttribute('href') ?? e.getAttributeNS('http://www.w3.org/1999/xlink', 'href'), document.baseURI).href),
    title: document.title,
  }));
  if (!found.title.trim()) problems.push(`${current}: no title`);
  ids.set(file, new Set(found.ids));
  for (const href of found.links) links.push([current, href]);
  const name = current.replaceAll('/', '_');
  if (shots.includes(current)) {
    await page.screenshot({ path: join(shotArg, `${name}.png`), fullPage: true });
  }
}
let checked = 0;
for (const [from, href] of links) {
  if (!href.startsWith('file://')) {
    problems.push(`${from}: link out of the pack: ${href}`);
    continue;
  }
  const url = new URL(href);
  const target = fileURLToPath(url);
  checked++;
  if (!existsSync(target)) {
    problems.push(`${from}: broken link to ${relative(pack, target)}`);
  } else if (url.hash && target.endsWith('.html')) {
    const anchor = decodeURIComponent(url.hash.slice(1));
    if (!ids.get(target)?.has(anchor)) problems.push(`${from}: no #${anchor} in ${relative(pack, target)}`);
  }
}
await browser.close();
for (const problem of problems) console.error(problem);
console.log(`${files.length} pages opened in Chromium, ${checked} internal links checked, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
