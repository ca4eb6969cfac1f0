// Browser tests of the web app: Debian's Chromium (headless) driven by playwright-core,
// against the real `samenstad` binary and a real, seeded PostgreSQL (started by scripts/e2e.sh).
// Playwright gives every launch a fresh temporary profile (--user-data-dir).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const BASE = process.env.SAMENSTAD_E2E_URL ?? 'http://127.0.0.1:8090';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic'],
  });
});

after(async () => { await browser?.close(); });

async function openPage(viewport = { width: 1200, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { page, errors };
}

test('home shows the 25 wijken on a map; clicking one opens its page', async () => {
  const { page, errors } = await openPage();
  await page.goto(`${BASE}/`);
  await page.waitForSelector('svg.wijk-map path.wijk-shape');
  assert.equal(await page.locator('path.wijk-shape').count(), 25);
  assert.equal(await page.locator('ul.wijk-list li').count(), 25);
  assert.match(await page.locator('footer').innerText(), /Bron: Stad Gent – data\.stad\.gent/);
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');

  await page.locator('path.wijk-shape[data-wijknr="10"]').click();
  await page.waitForURL('**/wijken/muide-meulestede-afrikalaan');
  await page.waitForSelector('article.wijk h1');
  assert.equal(await page.locator('article.wijk h1').innerText(), 'Muide - Meulestede - Afrikalaan');
  const facts = await page.locator('dl.facts').innerText();
  assert.match(facts, /19e-eeuwse gordel/);
  assert.match(facts, /Noordwest/);
  assert.match(facts, /Ronde 1 \(september 2020\)/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the list is searchable without accents and opens a wijk with the keyboard', async () => {
  const { page, errors } = await openPage();
  await page.goto(`${BASE}/`);
  await page.waitForSelector('ul.wijk-list li');
  await page.getByLabel('Zoek een wijk').fill('sint amandsbérg');
  await page.waitForFunction(() => document.querySelectorAll('ul.wijk-list li').length === 1);
  assert.equal(await page.locator('ul.wijk-list li a').innerText(), 'Sint-Amandsberg');
  assert.equal(await page.locator('path.wijk-shape.match').count(), 1);

  await page.locator('path.wijk-shape[data-wijknr="1"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL('**/wijken/binnenstad');
  await page.waitForSelector('article.wijk h1');
  assert.equal(await page.locator('article.wijk h1').innerText(), 'Binnenstad');
  assert.deepEqual(errors, []);
  await page.close();
});

test('English switch, deep links, unknown wijken and a 360 px wide screen', async () => {
  const { page, errors } = await openPage({ width: 360, height: 740 });
  await page.goto(`${BASE}/wijken/7`);
  await page.waitForSelector('article.wijk h1');
  assert.equal(await page.locator('article.wijk h1').innerText(), 'Rabot - Blaisantvest');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.locator('dl.facts').innerText(), /Inhabitants \(estimate\)/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 360 px (overflow ${overflow}px)`);

  await page.goto(`${BASE}/wijken/atlantis`);
  await page.waitForSelector('section.not-found h1');
  assert.equal(await page.locator('section.not-found h1').innerText(), 'Not found');
  assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
  await page.close();
});

test('the API docs render offline from assets served by the binary', async () => {
  const { page } = await openPage();
  const outside = [];
  page.on('request', (r) => { if (!r.url().startsWith(BASE)) outside.push(r.url()); });
  await page.goto(`${BASE}/api/docs/`);
  await page.waitForSelector('.swagger-ui .info .title', { timeout: 15000 });
  assert.match(await page.locator('.swagger-ui .info .title').innerText(), /Samenstad API/);
  assert.ok(await page.locator('.opblock').count() >= 5, 'operations are listed');
  assert.deepEqual(outside, []);
  await page.close();
});
