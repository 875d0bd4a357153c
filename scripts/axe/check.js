#!/usr/bin/env node
// check.js opens HTML files in headless Chromium and reports, as JSON on
// standard output:
//   - axe-core's violations of the WCAG 2.0/2.1 A and AA rules, at a desktop
//     width (1280 CSS px) and at 320 CSS px (400% zoom of a 1280 px window);
//   - whether the page scrolls sideways at 320 px (WCAG 1.4.10 Reflow);
//   - any request other than the file itself and data: URIs (the pages must
//     be self-contained); such requests are blocked.
// Each page is loaded once: it is checked at 1280 px, then the window is
// narrowed to 320 px (the page reflows, as it does when a reader zooms in)
// and checked again with every rule but those in ONCE_AT_DESKTOP (listed
// as "skipped" in that run's report).
//
// With --print DIR it also prints each file to DIR/NAME.pdf as print.js
// does (print media, the page's own @page size and margins, no header or
// footer, no backgrounds), in the tab it was checked in, once the checks
// are done, and gives the PDF's path as "pdf" in the file's report: one
// browser and one load of each page for both jobs. These PDFs are
// untagged: the tests read their pages, not their structure.
//
// Usage: node check.js [--chromium PATH] [--screenshots DIR] [--print DIR] FILE.html...
// Exit status: 0 all clean, 1 problems found, 2 the check itself failed.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const puppeteer = require('puppeteer-core');
const { printPage } = require('./print.js');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// ONCE_AT_DESKTOP are rules checked at the first width only. Colour
// contrast is most of axe's time (about 70% of a run on the papers), and a
// page's colours do not change with its width unless a width-dependent
// rule changes them, which TestNarrowRulesKeepColours in internal/html
// forbids.
const ONCE_AT_DESKTOP = ['color-contrast'];
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'zoom400', width: 320, height: 640 },
];
// Chromium's flags for a machine with no network but the package registries:
// nothing phones home, nothing is downloaded, the profile is thrown away.
// The tabs share one renderer process: the same reports for about 1.2 s
// (a tenth) less CPU on the four papers, where the tests run this.
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--renderer-process-limit=1',
];

function parseArgs(argv) {
  const o = { chromium: '/usr/bin/chromium', screenshots: '', print: '', files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--chromium') o.chromium = argv[++i];
    else if (a === '--screenshots') o.screenshots = argv[++i];
    else if (a === '--print') o.print = argv[++i];
    else if (a.startsWith('--')) throw new Error(`unknown flag ${a}`);
    else o.files.push(a);
  }
  if (o.files.length === 0) throw new Error('no HTML files given');
  return o;
}

async function checkFile(browser, axeSource, file, shots, print) {
  const url = pathToFileURL(path.resolve(file)).href;
  const page = await browser.newPage();
  const external = new Set();
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const u = req.url();
    if (u === url || u.startsWith('data:')) {
      req.continue();
    } else {
      external.add(u);
      req.abort();
    }
  });
  const runs = [];
  for (const [i, vp] of VIEWPORTS.entries()) {
    await page.setViewport({ width: vp.width, height: vp.height, deviceScaleFactor: 1 });
    if (i === 0) {
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(axeSource);
    }
    const skipped = i === 0 ? [] : ONCE_AT_DESKTOP;
    const r = await page.evaluate(async (tags, skip) => {
      const rules = Object.fromEntries(skip.map((id) => [id, { enabled: false }]));
      // eslint-disable-next-line no-undef
      const res = await axe.run(document, { runOnly: { type: 'tag', values: tags }, rules, resultTypes: ['violations', 'incomplete'] });
      return {
        passes: res.passes.map((p) => p.id),
        incomplete: res.incomplete.map((p) => ({
          id: p.id,
          count: p.nodes.length,
          examples: p.nodes.slice(0, 3).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
        })),
        violations: res.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 300), summary: n.failureSummary })),
        })),
      };
    }, TAGS, skipped);
    const scroll = await page.evaluate(() => ({
      scrollWidth: document.scrollingElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    runs.push({ viewport: vp.name, width: vp.width, skipped, ...r, ...scroll });
    if (shots) {
      const base = path.basename(file).replace(/\.html?$/, '');
      await page.screenshot({ path: path.join(shots, `${base}-${vp.name}.png`), fullPage: true });
    }
  }
  const pdf = print ? await printPage(page, file, print, false) : undefined;
  await page.close();
  return { file, external: [...external].sort(), runs, pdf };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardpack-axe-'));
  let browser;
  try {
    browser = await puppeteer.launch({ executablePath: o.chromium, headless: true, userDataDir, args: FLAGS });
    const version = await browser.version();
    const out = { chromium: version, axe: require('axe-core/package.json').version, tags: TAGS, files: [] };
    // Each file in its own tab, all at once: the checks are independent,
    // and the report keeps the order of the files given.
    out.files = await Promise.all(o.files.map((f) => checkFile(browser, axeSource, f, o.screenshots, o.print)));
    process.stdout.write(JSON.stringify(out, null, 1) + '\n');
    const bad = out.files.some((f) => f.external.length > 0 ||
      f.runs.some((r) => r.violations.length > 0 || r.scrollWidth > r.innerWidth));
    return bad ? 1 : 0;
  } finally {
    if (browser) await browser.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().then((code) => { process.exitCode = code; }, (err) => {
  process.stderr.write(`check.js: ${err && err.stack ? err.stack : err}\n`);
  process.exitCode = 2;
});
