// The trend page in a real browser (Debian's Chromium via playwright-core, as
// test/html-browser.test.ts): no network request, no script, no console error; the
// figures shown equal the JSON trend; the gap month is labelled as a gap in every
// chart and table; hostile names stay inert text. Screenshots go to a temporary folder,
// or $MOC_CHECK_SCREENSHOTS/trend/ to keep them
// (UPDATE_DOCS_SCREENSHOT=1 copies the top of the page to docs/trend.png).
//
// Skipped only when /usr/bin/chromium is missing AND $CI is unset.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, screenshotDir, tempDir } from './helpers.js';
import { openOffline, type Opened } from './browser.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const outDir = screenshotDir('trend');
const EXAMPLE = ['east-sussex.csv', 'kent.csv', 'surrey.csv'].map((f) => join('fixtures', 'example', f));
const skip = !existsSync(CHROMIUM) && !process.env.CI;

if (skip) {
  describe('trend page in Chromium', () => {
    it.skip(`skipped: ${CHROMIUM} is not installed; in CI this test runs`, () => {});
  });
} else {
  describe('trend page in Chromium', () => {
    let browser: Browser;
    let dir: string;
    let htmlPath: string;
    let hostilePath: string;
    let examplePath: string;
    let trend: { points: Array<Record<string, unknown> & { key: string; gap: boolean }>; rules: string[]; councils: Array<{ la_code: string }> };
    const opened: Opened[] = [];

    function report(name: string, asOf: string, files = EXAMPLE): string {
      const path = join(dir, name);
      const res = runCli(['check', '--rules', 'rules/south-east.yaml', '--leavers', 'fixtures/example/leavers.csv', '--as-of', asOf, '--fail-on', 'never', '--format', 'json', '--output', path, ...files]);
      if (res.code !== 0) throw new Error(res.stderr);
      return path;
    }

    async function open(path: string): Promise<Opened> {
      const o = await openOffline(browser, path);
      opened.push(o);
      return o;
    }

    beforeAll(async () => {
      mkdirSync(outDir, { recursive: true });
      dir = tempDir();
      // July and August: Kent and Surrey only; September missing; October and November: all three
      const reports = [
        report('nov.json', '2025-11-30'),
        report('jul.json', '2025-07-31', EXAMPLE.slice(1)),
        report('oct.json', '2025-10-31'),
        report('aug.json', '2025-08-31', EXAMPLE.slice(1)),
      ];
      htmlPath = join(outDir, 'trend.html');
      const html = runCli(['trend', '--format', 'html', '--output', htmlPath, ...reports]);
      expect(html.code, html.stderr).toBe(0);
      const json = runCli(['trend', '--format', 'json', ...reports]);
      trend = JSON.parse(json.stdout);

      // a report whose names are hostile: markup, a script, a bidi override
      const hostile = JSON.parse(readFileSync(reports[0]!, 'utf8'));
      hostile.councils[0].la_name = '<img src=x onerror="alert(1)">Evil</script>';
      hostile.findings[0].rule = '<script>alert(2)</script>';
      hostile.findings[0].context.la_name = '\u202eEvil';
      hostile.exemptions[0].id = '"><svg onload=alert(3)>';
      writeFileSync(join(dir, 'hostile.json'), JSON.stringify(hostile));
      hostilePath = join(outDir, 'hostile.html');
      const h = runCli(['trend', '--format', 'html', '--output', hostilePath, join(dir, 'hostile.json'), reports[1]!]);
      expect(h.code, h.stderr).toBe(0);

      // the three example months as shipped (fixtures/example/2025-09, 2025-10 and the November files)
      const months = [
        ['2025-09', EXAMPLE.map((f) => f.replace('example/', 'example/2025-09/'))],
        ['2025-10', EXAMPLE.map((f) => f.replace('example/', 'example/2025-10/'))],
        ['2025-11', EXAMPLE],
      ] as const;
      const monthly = months.map(([period, files]) => {
        const path = join(dir, `${period}.json`);
        const res = runCli(['check', '--rules', 'rules/south-east.yaml', '--leavers', 'fixtures/example/leavers.csv', '--period', period, '--fail-on', 'never', '--format', 'json', '--output', path, ...files]);
        if (res.code !== 0) throw new Error(res.stderr);
        return path;
      });
      examplePath = join(outDir, 'trend-example.html');
      expect(runCli(['trend', '--format', 'html', '--output', examplePath, ...monthly]).code).toBe(0);

      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    }, 60_000);

    afterAll(async () => {
      for (const o of opened) await o.context.close().catch(() => {});
      await browser?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('makes no request, logs no error, and shows the JSON trend’s figures month by month', async () => {
      const o = await open(htmlPath);
      const { page } = o;
      expect(o.requests).toEqual([]);
      expect(o.consoleErrors).toEqual([]);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.title()).toContain('ruleset south-east');

      const heads = await page.locator('#summary-table thead th').allInnerTexts();
      expect(heads.slice(1)).toEqual(['2025-07', '2025-08', '2025-09', '2025-10', '2025-11']);
      const row = async (label: string) => (await page.locator('#summary-table tbody tr', { has: page.locator(`th:text-is("${label}")`) }).locator('td').allInnerTexts()).map((t) => t.trim());
      const expected = (field: string) => trend.points.map((p) => (p.gap ? 'no report' : String(p[field])));
      expect(await row('Breaches')).toEqual(expected('breaches'));
      expect(await row('Exempted')).toEqual(expected('exempted'));
      expect(await row('Assignments checked')).toEqual(expected('checked'));
      const spend = trend.points.map((p) => (p.gap ? 'no report' : `£${((p['spend_above_caps_pence'] as number) / 100).toFixed(2)}`));
      expect((await row('Spend above caps (est. per month)')).map((t) => t.replace(/,/g, '').replace(/ \(.*\)$/, ''))).toEqual(spend);

      // every rule and council has a row; July has no East Sussex report: "–", not 0
      expect(await page.locator('#rule-table tbody tr').count()).toBe(trend.rules.length);
      expect(await page.locator('#council-table tbody tr').count()).toBe(trend.councils.length);
      const eastSussex = (await page.locator('#council-table tbody tr', { hasText: 'East Sussex' }).locator('td').allInnerTexts()).map((t) => t.trim());
      expect(eastSussex.slice(0, 3)).toEqual(['–', '–', 'no report']);
    });

    it('labels the gap month as a gap in every chart, with an accessible name on each', async () => {
      const { page } = await open(htmlPath);
      for (const id of ['chart-breaches', 'chart-share', 'chart-spend', 'chart-rules']) {
        const svg = page.locator(`#${id}`);
        expect(await svg.getAttribute('role')).toBe('img');
        expect((await svg.locator('title').first().textContent())?.length).toBeGreaterThan(10);
        expect(await svg.locator('rect.gap').count()).toBe(1);
        expect(await svg.locator('text', { hasText: 'no report' }).count()).toBe(1);
      }
      // the spend chart draws a bar for each month with a report, none for the gap
      expect(await page.locator('#chart-spend rect:not(.gap)[height]').count()).toBeGreaterThanOrEqual(trend.points.filter((p) => !p.gap).length);
      // lines break at the gap: two segments for the breaches series
      expect(await page.locator('#chart-breaches polyline').count()).toBe(4);
    });

    it('writes the screenshots people look at (docs/trend.png: the shipped example months)', async () => {
      const { page } = await open(htmlPath);
      await page.screenshot({ path: join(outDir, 'trend-gap.png'), fullPage: true });
      const example = await open(examplePath);
      expect(example.consoleErrors).toEqual([]);
      expect(await example.page.locator('#summary-table thead th').allInnerTexts()).toEqual(['', '2025-09', '2025-10', '2025-11']);
      expect(await example.page.locator('rect.gap').count()).toBe(0);
      await example.page.screenshot({ path: join(outDir, 'trend.png'), fullPage: true });
      const clip = { x: 0, y: 0, width: 1280, height: 1500 };
      await example.page.screenshot({ path: join(outDir, 'trend-top.png'), clip, fullPage: true });
      if (process.env.UPDATE_DOCS_SCREENSHOT) copyFileSync(join(outDir, 'trend-top.png'), join(REPO_ROOT, 'docs', 'trend.png'));
      await example.page.emulateMedia({ media: 'print' });
      await example.page.screenshot({ path: join(outDir, 'trend-print.png'), fullPage: true });
    });

    it('keeps hostile names as inert text', async () => {
      const o = await open(hostilePath);
      const { page } = o;
      expect(o.dialogs).toEqual([]);
      expect(o.requests).toEqual([]);
      expect(o.consoleErrors).toEqual([]);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('main script, body script').count()).toBe(0);
      expect(await page.locator('svg[onload]').count()).toBe(0);
      expect(await page.locator('#council-table').innerText()).toContain('<img src=x onerror="alert(1)">Evil</script>');
      expect(await page.locator('#rule-table').innerText()).toContain('<script>alert(2)</script>');
      expect(await page.locator('#exemption-table').innerText()).toContain('"><svg onload=alert(3)>');
      expect(await page.content()).not.toContain('\u202e');
    });
  });
}
