// Drives the Dev UI of the example application (already running in dev mode at the given base URL) in headless
// Chromium: opens the Dev UI, goes to the job queue's dead letters through its card, finds the dead job of
// sync-inventory, replays it and waits for it to succeed. Screenshots go to the given directory.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [base, out] = process.argv.slice(2);
if (!base || !out) {
    console.error('usage: node devui-e2e.mjs <base URL, e.g. http://localhost:8095> <screenshot directory>');
    process.exit(2);
}
const TYPE = 'sync-inventory';
const STEP_TIMEOUT = 60_000;

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'devui-e2e-'));
const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});
let step = 0;
const shot = async (page, name) => {
    step++;
    const file = path.join(out, `${String(step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`[devui-e2e] screenshot ${file}`);
};

/** Clicks the button until the selector shows, for data the application produces in its own time. */
async function refreshUntil(page, refresh, selector, what) {
    const deadline = Date.now() + STEP_TIMEOUT;
    while (Date.now() < deadline) {
        if (await page.locator(selector).count() > 0) {
            return;
        }
        await page.locator(refresh).click();
        await page.waitForTimeout(1000);
    }
    throw new Error(`${what} did not show within ${STEP_TIMEOUT / 1000}s (${selector})`);
}

let failed = false;
const page = context.pages()[0] || await context.newPage();
page.setDefaultTimeout(STEP_TIMEOUT);
page.on('pageerror', e => console.log(`[devui-e2e] page error: ${e.message}`));
page.on('crash', () => console.log('[devui-e2e] the page crashed'));
context.on('page', p => console.log(`[devui-e2e] a new page opened: ${p.url()}`));
try {
    console.log(`[devui-e2e] opening ${base}/q/dev-ui/`);
    await page.goto(`${base}/q/dev-ui/`);
    const card = page.locator('qwc-extension', { hasText: 'Job Queue' }).first();
    await card.waitFor();
    await shot(page, 'dev-ui-extensions');

    await card.getByText('Dead letters', { exact: true }).click();
    await page.waitForURL(/quarkus-job-queue\/dead-letters/);
    const replay = `vaadin-button.replay[data-job-type="${TYPE}"]`;
    await refreshUntil(page, 'qwc-job-queue-dead-letters #refresh', replay, `A dead ${TYPE} job`);
    const id = await page.locator(replay).first().getAttribute('data-job-id');
    console.log(`[devui-e2e] dead ${TYPE} job ${id}`);
    await page.locator(`a.job-link[data-job-id="${id}"]`).click();
    await page.locator('qwc-job-queue-dead-letters #detail-state', { hasText: 'DEAD' }).waitFor();
    await page.locator('qwc-job-queue-dead-letters details summary').first().click();
    await shot(page, 'dead-letter-with-stack-trace');

    await page.locator(replay).first().click();
    await page.locator(`vaadin-button.replay[data-job-id="${id}"]`).waitFor({ state: 'detached' });
    console.log(`[devui-e2e] replayed ${id}`);
    await shot(page, 'replayed');

    await page.goto(`${base}/q/dev-ui/quarkus-job-queue/jobs`);
    await page.locator('qwc-job-queue-jobs #open-id input').fill(id);
    await page.locator('qwc-job-queue-jobs #open-id input').press('Enter');
    await page.locator('qwc-job-queue-jobs #detail-id', { hasText: id }).waitFor();
    await refreshUntil(page, 'qwc-job-queue-jobs #detail-reload',
        'qwc-job-queue-jobs #detail-state:text-is("SUCCEEDED")', `Job ${id} as SUCCEEDED`);
    console.log(`[devui-e2e] job ${id} SUCCEEDED after its replay`);
    await shot(page, 'job-succeeded');

    // The enqueue form refuses text that is not JSON, saying so, before anything is enqueued.
    await page.locator('qwc-job-queue-jobs #enqueue-details').click();
    await page.locator('qwc-job-queue-jobs #enqueue-payload textarea').fill('{"warehouse": ');
    await page.locator('qwc-job-queue-jobs #enqueue').click();
    await page.locator('qwc-job-queue-jobs #enqueue-result', { hasText: 'The payload is not valid JSON' }).waitFor();
    console.log(`[devui-e2e] invalid JSON: ${await page.locator('qwc-job-queue-jobs #enqueue-result').textContent()}`);
    await shot(page, 'enqueue-invalid-json');

    await page.goto(`${base}/q/dev-ui/quarkus-job-queue/queues`);
    await page.locator('qwc-job-queue-queues #updated-at').waitFor();
    await shot(page, 'queues');
    await page.goto(`${base}/q/dev-ui/quarkus-job-queue/handlers`);
    await page.locator('qwc-job-queue-handlers code.handler-type', { hasText: TYPE }).waitFor();
    await shot(page, 'handlers');
} catch (e) {
    failed = true;
    console.error(`[devui-e2e] FAILED: ${e.stack || e}`);
    await shot(page, 'failure').catch(s => console.error(`[devui-e2e] no failure screenshot: ${s}`));
} finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
}
console.log(failed ? 'devui-e2e: 0 passed, 1 failed' : 'devui-e2e: 1 passed, 0 failed');
process.exit(failed ? 1 : 0);
