// Opening a self-contained page in Chromium for the browser tests (HTML report, trend
// page): offline, with every other request refused and recorded, console errors and
// dialogs collected, so a test can assert the page asked for nothing and ran no script
// it should not have.
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface Opened {
  page: Page;
  context: BrowserContext;
  /** every request other than the page's own file */
  requests: string[];
  consoleErrors: string[];
  dialogs: string[];
}

export async function openOffline(browser: Browser, path: string, options: { javaScriptEnabled?: boolean; settleMs?: number } = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  const url = pathToFileURL(path).href;
  const o: Opened = { page, context, requests: [], consoleErrors: [], dialogs: [] };
  page.on('request', (req) => {
    if (req.url() !== url) o.requests.push(req.url());
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') o.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => o.consoleErrors.push(String(err)));
  page.on('dialog', (dialog) => {
    o.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // Anything but the page itself is refused (and recorded above).
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url, { waitUntil: 'load' });
  if (options.settleMs) await page.waitForTimeout(options.settleMs);
  return o;
}
