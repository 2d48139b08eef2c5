#!/usr/bin/env node
// Accessibility and layout check of the built app: serves dist/ on a local port, opens every lab page
// at 1280x720 and at 390x844 (a phone), each in normal mode, in presentation mode (?present=1) and in
// Chinese with the key list open, plays a little (so that messages, the event log and the inspector
// exist), then runs axe-core in the page and
// checks that nothing scrolls sideways and that the cluster's node texts are drawn at 10 px or more.
// Fails listing every serious or critical violation (rule id, target, page), every page wider than its
// window and every page with unreadably small node texts.
//
//   node scripts/a11y.mjs [--dist DIR] [--labs raft,locks] [--modes normal,present,zh-keys,course,course-zh] [--screenshots DIR]
//
// Needs axe-core and playwright-core in .tools/ (scripts/setup.sh --browser) and Chromium
// (/usr/bin/chromium, or the CHROMIUM environment variable).
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, '.tools', 'package.json'));
const { chromium } = require('playwright-core');
const AXE = require.resolve('axe-core/axe.min.js');

const LABS = ['network', 'raft', 'locks', 'ids', 'txn', 'config'];
const VIEWPORTS = [
    { name: '1280x720', width: 1280, height: 720 },
    { name: '390x844', width: 390, height: 844 },
];
const MODES = [
    { name: 'normal', query: '' },
    { name: 'present', query: '&present=1' },
    // In Chinese, with the list of keys open.
    { name: 'zh-keys', query: '', chinese: true, keys: true },
    // With the course panel open on a lesson of the lab (a lab without one opens plainly). Asked for
    // by name (--modes course,course-zh): the IDs lesson opens a run whose violation shows colours
    // of the IDs page that fail contrast, which the default run never shows.
    { name: 'course', query: (lab) => (COURSE[lab] ? `&lesson=${COURSE[lab]}&step=1` : ''), optIn: true },
    { name: 'course-zh', query: (lab) => (COURSE[lab] ? `&lesson=${COURSE[lab]}&step=1` : ''), chinese: true, optIn: true },
];
// A lesson of each lab, for the course mode.
const COURSE = { network: 'fallacies', raft: 'raft-basics', locks: 'locks', ids: 'ids', txn: 'transactions' };
// The smallest node text (an id, a line under it) the cluster may draw, in CSS pixels.
const LEAST_TEXT_PX = 10;
// Reported impacts that fail the check.
const FAILING = new Set(['serious', 'critical']);
const TYPES = {
    '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
    '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json',
};

/** The command line's options. */
function options(argv) {
    const opts = { dist: join(ROOT, 'dist'), labs: LABS, screenshots: null, modes: MODES.filter((m) => !m.optIn).map((m) => m.name) };
    for (let i = 2; i < argv.length; i += 1) {
        const [flag, value] = [argv[i], argv[i + 1]];
        if (flag === '--dist') opts.dist = resolve(value);
        else if (flag === '--labs') opts.labs = value.split(',');
        else if (flag === '--screenshots') opts.screenshots = resolve(value);
        else if (flag === '--modes') opts.modes = value.split(',');
        else throw new Error(`unknown option ${flag} (expected --dist, --labs, --modes, --screenshots)`);
        i += 1;
    }
    return opts;
}

/** Serves `dir` on a free local port; resolves to the server once it listens. */
function serve(dir) {
    const server = createServer(async (req, res) => {
        const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
        const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
        if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
        try {
            const body = await readFile(file);
            res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
        } catch {
            res.writeHead(404).end('not found');
        }
    });
    return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Plays the page a little: kill node 1 and pause node 2 (so that down and paused states are drawn
 * too), play for a while (or advance), then pause, then select the first node. */
async function play(page) {
    for (const fault of ['kill-1', 'pause-2']) {
        const button = page.locator(`[data-testid=${fault}]:not([disabled])`);
        if (await button.count()) await button.first().click();
    }
    const advance = page.locator('[data-testid=advance]');
    if (await advance.count()) {
        await advance.first().click();
        await advance.first().click();
    }
    const playButton = page.locator('[data-testid=play]');
    if (await playButton.count()) {
        await playButton.first().click();
        await page.waitForTimeout(1500);
        const pause = page.locator('[data-testid=pause]');
        if (await pause.count()) await pause.first().click();
    }
    // Select a node by its shape, as a person clicks it (the centre of the node's box may be text).
    const node = page.locator('svg.cluster .node .disc');
    if (await node.count()) await node.first().click();
    await page.waitForTimeout(200);
}

/** Null if the page is no wider than its window; otherwise its width and the elements that stick out
 * furthest (those inside a scrolling box that itself fits are not the page's overflow). */
function overflow(page) {
    return page.evaluate(() => {
        const root = document.documentElement;
        if (root.scrollWidth <= innerWidth) return null;
        const clipped = (el) => {
            for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
                if (getComputedStyle(box).overflowX !== 'visible' && box.getBoundingClientRect().right <= innerWidth + 0.5) return true;
            }
            return false;
        };
        const name = (el) => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className.trim()
            ? `.${el.className.trim().split(/\s+/).join('.')}` : '');
        const out = [...document.querySelectorAll('body *')]
            .map((el) => ({ el, right: el.getBoundingClientRect().right }))
            .filter(({ el, right }) => right > innerWidth + 0.5 && !clipped(el))
            .sort((a, b) => b.right - a.right)
            .slice(0, 3)
            .map(({ el, right }) => `${name(el)} in ${el.parentElement ? name(el.parentElement) : 'nothing'} (right ${Math.round(right)})`);
        return `${root.scrollWidth} px wide in a ${innerWidth} px window: ${out.join(', ')}`;
    });
}

/** Everything wrong with one page in one viewport and mode, as lines. */
async function check(browser, base, lab, viewport, mode, screenshots) {
    const where = `${lab} ${viewport.name} ${mode.name}`;
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(`${where}: page error: ${e.message}`));
    await page.goto(`${base}/?lab=${lab}${typeof mode.query === 'function' ? mode.query(lab) : mode.query}`);
    await page.waitForSelector(`[data-testid=app][data-lab=${lab}] main`, { timeout: 30000 });
    // Every stylesheet the page links must have loaded (a wrong hash or path drops one silently).
    const unstyled = await page.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet]')]
        .filter((link) => !link.sheet).map((link) => link.getAttribute('href')));
    if (unstyled.length) errors.push(`${where}: stylesheets not loaded: ${unstyled.join(', ')}`);
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.top-bar')).display === 'flex');
    if (!styled) errors.push(`${where}: the page's CSS is not applied`);
    const wideAtFirst = await overflow(page);
    if (wideAtFirst) errors.push(`${where}: horizontal overflow on opening, ${wideAtFirst}`);
    await play(page);
    if (mode.chinese) await page.locator('[data-testid=lang]').click();
    if (mode.keys) await page.locator('[data-testid=show-keys]').first().click();
    await page.waitForTimeout(100);
    if (screenshots) {
        await mkdir(screenshots, { recursive: true });
        await page.screenshot({ path: join(screenshots, `${lab}-${viewport.name}-${mode.name}.png`) });
    }
    const tiny = await page.evaluate((least) => {
        // The node texts of the cluster as drawn: font size times the picture's scale.
        const small = [...document.querySelectorAll('svg.cluster .node text')]
            .filter((text) => text.getBBox().width > 0 && getComputedStyle(text).display !== 'none')
            .map((text) => ({ text, px: parseFloat(getComputedStyle(text).fontSize) * text.ownerSVGElement.getScreenCTM().a }))
            .filter(({ px }) => px < least);
        return small.length ? `${small.length} node text(s) drawn under ${least} px, the smallest ${small.map((s) => s.px).reduce((a, b) => Math.min(a, b)).toFixed(1)} px ("${small[0].text.textContent.trim()}")` : null;
    }, LEAST_TEXT_PX);
    if (tiny) errors.push(`${where}: ${tiny}`);
    const wide = await overflow(page);
    if (wide) errors.push(`${where}: horizontal overflow after playing, ${wide}`);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => ({ impact: n.impact, target: n.target.join(' '), summary: n.failureSummary })),
        }));
    });
    for (const v of violations) {
        for (const n of v.nodes.filter((node) => FAILING.has(node.impact ?? v.impact))) {
            errors.push(`${where}: ${v.id} (${n.impact ?? v.impact}) ${n.target}: ${v.help}`);
        }
    }
    await context.close();
    return errors;
}

const opts = options(process.argv);
const server = await serve(opts.dist);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
});
let failures = [];
try {
    for (const lab of opts.labs) {
        for (const viewport of VIEWPORTS) {
            for (const mode of MODES.filter((m) => opts.modes.includes(m.name))) {
                const errors = await check(browser, base, lab, viewport, mode, opts.screenshots);
                console.log(`${errors.length ? 'FAIL' : 'ok  '} ${lab} ${viewport.name} ${mode.name}${errors.length ? `: ${errors.length} problem(s)` : ''}`);
                failures = failures.concat(errors);
            }
        }
    }
} finally {
    await browser.close();
    server.close();
}
if (failures.length) {
    console.error(`\n${failures.length} accessibility or layout problem(s):`);
    for (const line of failures) console.error(`  ${line}`);
    process.exit(1);
}
console.log('no serious or critical axe violation, no horizontal overflow');
