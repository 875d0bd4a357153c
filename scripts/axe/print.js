#!/usr/bin/env node
// print.js prints HTML files to PDF in one headless Chromium, as a reader
// printing the page would: print media, the page size and margins of the
// page's own @page rules, no header or footer, no backgrounds (Chromium's
// defaults for chromium --headless --print-to-pdf). Each file is printed
// in its own tab, all at once, to DIR/NAME.pdf for DIR/NAME.html... given.
// Requests other than the file itself and data: URIs are blocked.
//
// Usage: node print.js [--chromium PATH] --out DIR FILE.html...
// Exit status: 0 printed, 2 the printing failed.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const puppeteer = require('puppeteer-core');

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function parseArgs(argv) {
  const o = { chromium: '/usr/bin/chromium', out: '', files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--chromium') o.chromium = argv[++i];
    else if (a === '--out') o.out = argv[++i];
    else if (a.startsWith('--')) throw new Error(`unknown flag ${a}`);
    else o.files.push(a);
  }
  if (o.files.length === 0) throw new Error('no HTML files given');
  if (!o.out) throw new Error('no --out folder given');
  return o;
}

// printFile prints file to out/NAME.pdf in a tab of its own.
async function printFile(browser, file, out) {
  const url = pathToFileURL(path.resolve(file)).href;
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const u = req.url();
    if (u === url || u.startsWith('data:')) req.continue();
    else req.abort();
  });
  await page.goto(url, { waitUntil: 'load' });
  const pdf = await printPage(page, file, out, true);
  await page.close();
  return pdf;
}

// printPage prints the loaded page of file to out/NAME.pdf. Print layout
// takes the width of the @page box, not the window's, so a page already
// loaded for another job prints the same. With tagged false Chromium skips
// the PDF's structure tree: the pages are the same (pdftotext -layout gives
// the same text, page for page, on the four papers), and making the tree
// is about a fifth of the printing's CPU.
async function printPage(page, file, out, tagged) {
  const pdf = path.join(out, path.basename(file).replace(/\.html?$/, '') + '.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true, displayHeaderFooter: false, printBackground: false, tagged });
  return pdf;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardpack-print-'));
  let browser;
  try {
    browser = await puppeteer.launch({ executablePath: o.chromium, headless: true, userDataDir, args: FLAGS });
    const pdfs = await Promise.all(o.files.map((f) => printFile(browser, f, o.out)));
    process.stdout.write(pdfs.join('\n') + '\n');
  } finally {
    if (browser) await browser.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

module.exports = { printFile, printPage };

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`print.js: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  });
}
