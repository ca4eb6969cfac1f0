// Accessibility: axe-core on every main page in Dutch and English (no moderate, serious or
// critical violations; an idea, an organisation and a signal are made through the web app first
// and a real election is imported, so the pages of an idea, an organisation, a signal, a vote
// and a proposal are scanned too; a project, a panel and an advice request are scanned where the
// flow tests of staff.test.mjs and councils.test.mjs make them), landmarks, the language attribute, a visible focus on every keyboard stop, and a
// room booked and a subsidy application submitted with the keyboard only. Same set-up as
// web.test.mjs: Debian's Chromium (headless), the real binary and a seeded PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, axeViolations, cli, firstHtmlTextsNotShown, launchChromium } from './support.mjs';

const ADMIN = { email: process.env.SAMENSTAD_E2E_ADMIN_EMAIL, password: process.env.SAMENSTAD_E2E_ADMIN_PASSWORD };
let browser;

before(async () => {
  // The browser's own locale decides the order of a date field's parts (see typeDate).
  browser = await launchChromium({ env: { ...process.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US' } });
  // An idea and an organisation, made as a resident would, so their own pages are scanned.
  const ctx = await context('nl');
  const page = await ctx.newPage();
  await login(page, ADMIN);
  await page.goto(`${BASE}/ideas?wijk=3`);
  await page.waitForFunction(() => document.querySelector('#idea-wijk')?.value === '3');
  await page.getByLabel('Titel van je idee').fill(`Een speeltuin voor elk kind ${Date.now()}`);
  await page.getByLabel('Beschrijf je idee').fill('Toestellen waar ook een kind in een rolstoel op kan.');
  await page.getByRole('button', { name: 'Idee indienen' }).click();
  await page.waitForURL(/\/ideas\/[0-9a-f-]{36}$/);
  OBJECT_PAGES.push(new URL(page.url()).pathname);
  await page.goto(`${BASE}/organisations`);
  await page.getByLabel('Naam', { exact: true }).fill(`Buren van het plein ${Date.now()}`);
  await page.getByLabel('Soort').selectOption('vzw');
  await page.getByLabel('Wijk', { exact: true }).selectOption('4');
  await page.getByLabel('Wat doet de organisatie?').fill('Buurtfeesten en een moestuin op het plein.');
  await page.getByRole('button', { name: 'Organisatie aanmaken' }).click();
  await page.waitForURL(/\/organisations\/[0-9a-f-]{36}$/);
  OBJECT_PAGES.push(new URL(page.url()).pathname);
  await page.goto(`${BASE}/signals/new`);
  await page.getByLabel('Wat is er aan de hand?').selectOption('litter');
  await page.getByLabel('Wijk', { exact: true }).selectOption('12');
  await page.locator('svg.point-picker').click();
  await page.getByLabel('Beschrijving').fill('Een omgevallen vuilnisbak aan de bushalte.');
  await page.getByRole('button', { name: 'Melden' }).click();
  await page.waitForURL(/\/signals\/[0-9a-f-]{36}$/);
  OBJECT_PAGES.push(new URL(page.url()).pathname);
  // A closed vote with its proposals: a real published election, imported as a city would
  // (the CLI loads data; wijk 12 is used by no other browser test).
  const imported = cli('pabulib', 'import', 'crates/domain/tests/data/pabulib/Poland_Katowice_2023_Zarzecze.pb', '--wijk', '12');
  const vote = imported.match(/votes\/([0-9a-f-]{36})/)[1];
  // A closed vote's first HTML carries its results, which the app then shows to a visitor as
  // they are.
  const guest = await (await context('nl')).newPage();
  const first = await (await guest.goto(`${BASE}/votes/${vote}`)).text();
  assert.match(first, /<table class="results">.*<a href="\/proposals\/[0-9a-f-]{36}">[^<]+<\/a><\/th><td class="num">\d+<\/td>/s);
  await settled(guest);
  assert.deepEqual(await firstHtmlTextsNotShown(guest, first), []);
  await guest.context().close();
  await page.goto(`${BASE}/votes/${vote}`);
  await settled(page);
  OBJECT_PAGES.push(`/votes/${vote}`);
  const proposal = await page.locator('main a[href^="/proposals/"]').first().getAttribute('href');
  OBJECT_PAGES.push(proposal);
  await ctx.close();
});

after(async () => { await browser?.close(); });

/** A browser context in `lang` (stored the way the web app stores the choice). */
async function context(lang) {
  const ctx = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'nl-BE', viewport: { width: 1200, height: 900 } });
  await ctx.addInitScript((l) => localStorage.setItem('samenstad.lang', l), lang);
  return ctx;
}

async function login(page, { email, password }) {
  await page.goto(`${BASE}/login`);
  await page.locator('#login-email, input[type=email]').first().fill(email);
  await page.locator('input[type=password]').first().fill(password);
  await page.locator('form button[type=submit]').first().click();
  await page.waitForURL('**/account');
}

/** Waits until the page has rendered its data: a heading in <main>, no loading text, network quiet. */
async function settled(page) {
  await page.waitForSelector('html[data-app="started"]');
  await page.waitForSelector('main h1');
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('main .loading'));
}

const PUBLIC_PAGES = ['/', '/wijken/binnenstad', '/venues', '/venues/buurtcentrum-sluizeken', '/wijkbudget',
  '/ideas', '/projects', '/subsidies', '/grants', '/open-data', '/signals', '/councils', '/councils/jeugdraad', '/feedback', '/feedback?wijk=7', '/unsubscribe?token=not-a-valid-token', '/login', '/register', '/forgot-password', '/deze-pagina-bestaat-niet',
  // Links from mails that no longer work: the page says so.
  '/verify-email?token=not-a-valid-token', '/reset-password?token=not-a-valid-token', '/subsidies/cosign/not-a-valid-token'];
// Pages of one object each, made through the web app before the scan (see `before`).
const OBJECT_PAGES = [];
// The staff area of the wijkbudget (issue: staff back office).
const BACK_OFFICE = ['/staff', '/staff/programme', '/staff/ideas?wijk=24', '/staff/proposals?wijk=24',
  '/staff/votes?wijk=24', '/staff/panels?wijk=24', '/staff/projects?wijk=24', '/staff/organisations',
  '/staff/venue-changes', '/staff/signals', '/staff/contacts?wijk=24'];
// Pages that keep the city's data (issue: self-service and administration).
const KEPT_PAGES = ['/venues/buurtcentrum-sluizeken/manage', '/admin', '/admin/clients', '/admin/outbox',
  '/admin/audit', '/admin/signal-routes', '/subsidies/schemes', '/subsidies/schemes/samen-aan-zet'];
const STAFF_PAGES = ['/account', '/organisations', '/invitations/accept?token=unknown', '/bookings', '/manage',
  ...KEPT_PAGES, '/subsidies/mine', '/signals/new', '/advice/new',
  '/subsidies/apply/fonds-tijdelijke-invullingen', 'DRAFT', '/subsidies/admin', '/subsidies/dashboard',
  '/subsidies/jury', '/wijken/binnenstad/overview', '/wijken/binnenstad', '/councils/jeugdraad', ...BACK_OFFICE];

for (const lang of ['nl', 'en']) {
  test(`axe-core finds no moderate, serious or critical violations on the main pages (${lang})`, async () => {
    const ctx = await context(lang);
    const page = await ctx.newPage();
    const found = [];
    const visit = async (path) => {
      await page.goto(`${BASE}${path}`);
      await settled(page);
      assert.equal(await page.getAttribute('html', 'lang'), lang, `${path}: <html lang>`);
      assert.equal(await page.locator('main#main').count(), 1, `${path}: one main landmark`);
      assert.ok(await page.locator('header').count() >= 1 && await page.locator('footer').count() >= 1, `${path}: banner and contentinfo`);
      for (const v of await axeViolations(page)) found.push(`${path}: ${v}`);
    };
    for (const path of PUBLIC_PAGES) await visit(path);
    for (const path of [OBJECT_PAGES[0], ...OBJECT_PAGES.slice(2)]) await visit(path);
    await login(page, ADMIN);
    await visit(OBJECT_PAGES[1]);
    for (const path of STAFF_PAGES) {
      if (path !== 'DRAFT') {
        await visit(path);
        continue;
      }
      // A draft application, started with the apply page's button (the page visited before).
      await page.locator('form.apply-form button[type=submit]').click();
      await page.waitForURL(/\/subsidies\/applications\/[0-9a-f-]{36}$/);
      await visit(new URL(page.url()).pathname);
    }
    assert.deepEqual(found, [], `axe-core (${lang}):\n${found.join('\n')}`);
    await ctx.close();
  });
}

/** Describes the focused element: tag, then its label (or aria-label, or text). */
function focusedDescription(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { text: '', visible: true };
    const label = el.labels?.[0]?.innerText || el.getAttribute('aria-label') || el.innerText || '';
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    return { text: `${el.tagName.toLowerCase()}|${label.trim().replace(/\s+/g, ' ')}`, visible: outline || shadow, style: `${style.outlineStyle} ${style.outlineWidth} ${style.boxShadow}` };
  });
}

/** Presses Tab until the focused element matches `pattern`; every stop on the way must show its focus. */
async function tabTo(page, pattern, max = 300) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const { text, visible, style } = await focusedDescription(page);
    assert.ok(visible, `${page.url()}: the focus on "${text}" is not visible (${style})`);
    if (pattern.test(text)) return text;
  }
  throw new Error(`no element matching ${pattern} within ${max} presses of Tab`);
}

/** Types a date into a focused <input type=date> part by part: month, day, year (Chromium runs in en_US). */
async function typeDate(page, iso) {
  const [y, m, d] = iso.split('-');
  await page.keyboard.type(`${m}${d}${y}`);
}

test('with the keyboard only: log in, book a room, and submit a subsidy application', async () => {
  const ctx = await context('nl');
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // Log in.
  await page.goto(`${BASE}/login`);
  await tabTo(page, /^input\|E-mailadres/);
  await page.keyboard.type(ADMIN.email);
  await tabTo(page, /^input\|Wachtwoord$/);
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/account');

  // Find the room from the list, pick a free evening in the week calendar, request it.
  await page.goto(`${BASE}/venues`);
  await page.waitForSelector('html[data-app="started"] ul.venue-list li');
  await tabTo(page, /^a\|.*Buurtcentrum Sluizeken/);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/venues/buurtcentrum-sluizeken');
  await page.waitForSelector('.calendar table.week-calendar');
  const caption = await page.locator('.calendar caption').first().innerText();
  await tabTo(page, /^button\|Volgende week/);
  await page.keyboard.press('Enter');
  await page.waitForFunction((c) => document.querySelector('.calendar caption')?.textContent !== c, caption);
  await tabTo(page, /^button\|vrij – Kies als begin: do .* 19:00$/);
  await page.keyboard.press('Enter');
  await tabTo(page, /^input\|Aantal personen/);
  await page.keyboard.type('20');
  await tabTo(page, /^(input|textarea)\|Waarvoor\?/);
  await page.keyboard.type('Buurtoverleg met het toetsenbord');
  await tabTo(page, /^button\|Aanvraag versturen/);
  await page.keyboard.press('Enter');
  await page.waitForSelector('form.booking-form p.success');

  // A subsidy of the Fonds Tijdelijke Invullingen, as a person.
  await page.goto(`${BASE}/subsidies/apply/fonds-tijdelijke-invullingen`);
  await page.waitForSelector('main h1');
  await tabTo(page, /^button\|Aanvraag starten/);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/subsidies\/applications\/[0-9a-f-]{36}$/);
  await page.waitForSelector('#app-starts');
  await tabTo(page, /^input\|Titel$/);
  await page.keyboard.type('Tuin op de braakliggende hoek');
  await tabTo(page, /^textarea\|Omschrijving: wat/);
  await page.keyboard.type('Een jaar lang een moestuin met de buren op het lege perceel aan de hoek.');
  await tabTo(page, /^input\|Groen$/);
  await page.keyboard.press('Space');
  await tabTo(page, /^input\|Iedereen$/);
  await page.keyboard.press('Space');
  await tabTo(page, /^select\|Wijk$/);
  await page.keyboard.type('Rabot');
  const day = (offset) => { const d = new Date(); d.setDate(d.getDate() + offset); return d.toISOString().slice(0, 10); };
  await tabTo(page, /^input\|Eerste dag/);
  await typeDate(page, day(30));
  await tabTo(page, /^input\|Laatste dag/);
  await typeDate(page, day(200));
  await tabTo(page, /^button\|Kostenlijn toevoegen/);
  await page.keyboard.press('Enter');
  await tabTo(page, /^select\|Soort kost/);
  await page.keyboard.type('Materiaal');
  await tabTo(page, /^input\|Omschrijving$/);
  await page.keyboard.type('Plantenbakken en aarde');
  await tabTo(page, /^input\|Bedrag \(euro\)/);
  await page.keyboard.type('900');
  await tabTo(page, /^input\|Gevraagd bedrag/);
  await page.keyboard.type('900');
  await page.getByText('Alles is in orde: je kan indienen.').waitFor();
  await tabTo(page, /^button\|Aanvraag indienen/);
  await page.keyboard.press('Enter');
  await page.locator('p.status', { hasText: 'ingediend' }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Tuin op de braakliggende hoek');
  assert.deepEqual(errors, []);
  await ctx.close();
});

for (const lang of ['nl', 'en']) {
  test(`every page of the staff area and the administration can be walked with the keyboard, the focus always visible (${lang})`, async () => {
    const ctx = await context(lang);
    const page = await ctx.newPage();
    await login(page, ADMIN);
    for (const path of [...BACK_OFFICE, ...KEPT_PAGES]) {
      await page.goto(`${BASE}${path}`);
      await settled(page);
      // Open every disclosure so its fields are in the tab order too.
      for (const d of await page.locator('details').all()) await d.evaluate((el) => { el.open = true; });
      const seen = new Set();
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const { text, visible, style } = await focusedDescription(page);
        assert.ok(visible, `${path}: the focus on "${text}" is not visible (${style})`);
        seen.add(text);
      }
      assert.ok(seen.size >= 8, `${path}: the keyboard reaches the page's controls (${[...seen].join(', ')})`);
    }
    await ctx.close();
  });
}

test('every page of the staff area and the administration fits a 360 px wide phone: no sideways scrolling, every control reachable', async () => {
  const ctx = await browser.newContext({ locale: 'nl-BE', viewport: { width: 360, height: 740 } });
  await ctx.addInitScript(() => localStorage.setItem('samenstad.lang', 'nl'));
  const page = await ctx.newPage();
  await login(page, ADMIN);
  const wide = [];
  for (const path of [...BACK_OFFICE, '/manage', ...KEPT_PAGES]) {
    await page.goto(`${BASE}${path}`);
    await settled(page);
    for (const d of await page.locator('details').all()) await d.evaluate((el) => { el.open = true; });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) wide.push(`${path}: ${overflow}px too wide`);
    // Controls that stick out past the right edge cannot be tapped without scrolling.
    const outside = await page.evaluate(() => [...document.querySelectorAll('main input, main select, main textarea, main button')]
      .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => el.labels?.[0]?.innerText || el.getAttribute('aria-label') || el.innerText || el.tagName));
    for (const o of outside) wide.push(`${path}: "${o.trim()}" sticks out`);
  }
  assert.deepEqual(wide, []);
  await ctx.close();
});
