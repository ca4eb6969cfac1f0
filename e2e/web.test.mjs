// Browser tests of the web app: Debian's Chromium (headless) driven by playwright-core,
// against the real `samenstad` binary and a real, seeded PostgreSQL (started by scripts/e2e.sh).
// Playwright gives every launch a fresh temporary profile (--user-data-dir).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, cliUser, firstHtmlTextsNotShown, launchChromium, logIn, mailedLink } from './support.mjs';

let browser;

before(async () => { browser = await launchChromium(); });

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

test('a wijk page is its front door: its places, ideas, open signals, vote and panel, projects, grants and next deadlines, each linking on, from one request', async () => {
  const { page, errors } = await openPage();
  const asked = [];
  page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/api/v1/')) asked.push(u.pathname); });
  await page.goto(`${BASE}/wijken/brugse-poort-rooigem`);
  // (The front door is in the first HTML too: wait for the app's.)
  await page.waitForSelector('html[data-app="started"]');
  await page.waitForFunction(() => !document.querySelector('main .loading'));
  const part = (name) => page.locator('section.wijk-part', { has: page.getByRole('heading', { level: 2, name }) });
  const places = part('Ontmoetingsplaatsen').locator('ul.wijk-lines li a');
  await places.first().waitFor();
  assert.equal(await places.count(), 3, 'the three places of Brugse Poort - Rooigem');
  const wijkAsks = asked.filter((p) => p.startsWith('/api/v1/wijken/'));
  assert.equal(wijkAsks.length, 2, `the wijk and its front door, one request each: ${wijkAsks}`);
  assert.ok(wijkAsks.includes('/api/v1/wijken/brugse-poort-rooigem'), `${wijkAsks}`);
  assert.ok(wijkAsks.some((p) => /^\/api\/v1\/wijken\/\d+\/front-door$/.test(p)), `${wijkAsks}`);
  assert.equal(asked.filter((p) => /^\/api\/v1\/(venues|signals|projects|subsidies)/.test(p)).length, 0,
    `no list of its own per part: ${asked}`);
  const deadlines = part('Volgende deadlines').locator('ul.wijk-lines li a');
  assert.ok(await deadlines.count() >= 1, 'the seeded schemes have deadlines ahead');
  assert.match(await deadlines.first().getAttribute('href'), /^\/subsidies\/apply\/[a-z0-9-]+$/);
  const name = (await places.first().innerText()).trim();
  await places.first().click();
  await page.waitForURL(/\/venues\/[a-z0-9-]+$/);
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.goBack();
  await part('Ideeën').getByRole('link', { name: /Alle ideeën/ }).waitFor();
  assert.match(await part('Ideeën').getByRole('link', { name: /Alle ideeën/ }).getAttribute('href'), /\/ideas\?wijk=\d+$/);
  assert.match(await part('Open meldingen').getByRole('link', { name: /Alle meldingen/ }).getAttribute('href'), /\/signals\?wijk=\d+$/);
  await part('Projecten').waitFor();
  for (const [title, all, href] of [['Subsidies in de wijk dit jaar', 'Alle toegekende subsidies', '/grants'],
    ['Volgende deadlines', 'Welke subsidie past bij je idee?', '/subsidies'],
    ['Stemming en burgerpanel', 'Over het wijkbudget', '/wijkbudget']]) {
    await part(title).locator('ul.wijk-lines, p.empty').first().waitFor();
    assert.equal(await part(title).getByRole('link', { name: all }).getAttribute('href'), href, title);
  }
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

test('register, verify through the mailed link, log in, stay logged in after a reload, log out', async () => {
  const { page, errors } = await openPage();
  const email = `bewoner-${Date.now()}@example.org`;
  await page.goto(`${BASE}/register`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Naam').fill('Fatima');
  await page.getByLabel('Nieuw wachtwoord').fill('een lange zin als wachtwoord');
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await page.waitForSelector('p.success');

  // The link as mailed (no SMTP here: the server's mail directory). The administrators' outbox
  // shows the mail without it: a one-time link is never readable there.
  const link = await mailedLink(email, 'verify_email');
  assert.ok(link.startsWith(`${BASE}/verify-email?token=`), link);
  const { page: admin } = await logIn(browser, process.env.SAMENSTAD_E2E_ADMIN_EMAIL, process.env.SAMENSTAD_E2E_ADMIN_PASSWORD);
  await admin.goto(`${BASE}/admin/outbox?to=${encodeURIComponent(email)}`);
  const queued = admin.locator('li.mail.template-verify_email').first();
  await queued.locator('summary').click();
  const shown = await queued.locator('pre.mail-body').innerText();
  assert.ok(shown.includes('/verify-email?token={one-time-token}'), shown);
  assert.ok(!shown.includes(link.split('token=')[1]), shown);
  await admin.close();
  await page.goto(link);
  await page.waitForSelector('p.success');
  assert.match(await page.locator('p.success').innerText(), /bevestigd/);

  await page.getByRole('link', { name: 'Inloggen' }).last().click();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill('een lange zin als wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL('**/account');
  await page.waitForSelector('dd.display-name');
  assert.equal(await page.locator('dd.display-name').innerText(), 'Fatima');

  await page.reload();
  await page.waitForSelector('dd.display-name');
  assert.equal(await page.locator('a.account-link').innerText(), 'Fatima', 'still logged in after a reload');
  const cookies = await page.context().cookies();
  const refresh = cookies.find((c) => c.name === 'samenstad_refresh');
  assert.ok(refresh && refresh.httpOnly && refresh.sameSite === 'Strict', 'HttpOnly SameSite=Strict refresh cookie');
  assert.equal(await page.evaluate(() => document.cookie.includes('samenstad_refresh')), false, 'not readable by scripts');

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.waitForURL(`${BASE}/`);
  await page.waitForSelector('a.account-link');
  await page.waitForFunction(() => document.querySelector('a.account-link')?.textContent === 'Inloggen');
  await page.reload();
  await page.waitForSelector('path.wijk-shape');
  await page.waitForTimeout(300);
  assert.equal(await page.locator('a.account-link').innerText(), 'Inloggen', 'logged out for good');
  assert.deepEqual(errors.filter((e) => !/40[01]/.test(e)), []);
  await page.close();
});

/** A resident's account, made with the CLI (accounts are the one set-up done outside the web app). */
async function residentSession(email, password) {
  return cliUser(email, password, { name: 'Karim' });
}

/** Creates an organisation on its page, as its owner; the page of the new organisation opens. */
async function createOrganisation(page, { name, kind, wijk }) {
  await page.goto(`${BASE}/organisations`);
  await page.getByRole('heading', { name: 'Nieuwe organisatie' }).waitFor();
  await page.getByLabel('Naam', { exact: true }).fill(name);
  await page.getByLabel('Soort').selectOption(kind);
  await page.getByLabel('Wijk', { exact: true }).selectOption(String(wijk));
  await page.getByRole('button', { name: 'Organisatie aanmaken' }).click();
  await page.waitForURL(/\/organisations\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function uiLogin(page, email, password) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL('**/account');
}

test('a signed-in resident gets the public pages from the resident build, with its forms; logged out, from the public build again', async () => {
  const email = `builds-${Date.now()}@example.org`;
  const password = 'een lange zin als wachtwoord';
  await residentSession(email, password);
  const { page, errors } = await openPage();
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname.replace(/-[0-9a-f]{16}\.wasm$/, '')); });
  const venue = `${BASE}/venues/buurtcentrum-sluizeken`;
  // Anonymous: the public build, which has no booking form, only the invitation to log in.
  await page.goto(venue);
  await page.getByRole('link', { name: 'Log in om te reserveren.' }).first().waitFor();
  assert.deepEqual(wasm, ['/assets/samenstad_public_venue_bg']);
  assert.equal(await page.locator('form.booking-form').count(), 0);
  // Logged in, the same address is answered with the resident build: the form is there.
  await uiLogin(page, email, password);
  await page.goto(venue);
  await page.waitForSelector('form.booking-form');
  assert.equal(wasm.at(-1), '/assets/samenstad_resident_bg');
  assert.ok(!wasm.includes('/assets/samenstad_web_bg'), 'a resident never loads the build with the staff pages');
  // Without the cookie (cleared by the browser), the public build answers, finds the session,
  // and loads the page once more from the resident build.
  await page.evaluate(() => { document.cookie = 'samenstad_app=; Max-Age=0; Path=/'; });
  await page.goto(venue);
  await page.waitForSelector('form.booking-form');
  assert.match(await page.evaluate(() => document.cookie), /samenstad_app=resident/);
  // Logged out: the public build again.
  await page.goto(`${BASE}/account`);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.waitForFunction(() => document.querySelector('a.account-link')?.textContent === 'Inloggen');
  assert.doesNotMatch(await page.evaluate(() => document.cookie), /samenstad_app=/);
  await page.goto(venue);
  await page.getByRole('link', { name: 'Log in om te reserveren.' }).first().waitFor();
  assert.equal(await page.locator('form.booking-form').count(), 0);
  assert.deepEqual(errors.filter((e) => !/40[01]/.test(e)), []);
  await page.close();
});

test('find a room by wijk and capacity, request it, the manager approves, the requester sees it approved', async () => {
  const email = `karim-${Date.now()}@example.org`;
  const password = 'een lange zin als wachtwoord';
  await residentSession(email, password);
  const { page, errors } = await openPage();
  await uiLogin(page, email, password);

  await page.goto(`${BASE}/venues`);
  await page.waitForSelector('html[data-app="started"] ul.venue-list li');
  await page.getByLabel('Wijk').selectOption('2');
  await page.getByLabel('Minstens zoveel personen').fill('30');
  await page.waitForFunction(() => document.querySelectorAll('ul.venue-list li').length === 1);
  assert.match(await page.locator('ul.venue-list li').innerText(), /Buurtcentrum Sluizeken/);
  assert.equal(await page.locator('svg.venue-map circle.venue-marker').count(), 1, 'one marker on the map');
  await page.locator('svg.venue-map circle.venue-marker').click();
  await page.waitForURL('**/venues/buurtcentrum-sluizeken');
  await page.waitForSelector('form.booking-form');

  // Pick Thursday 19:00 seven weeks ahead in the room's week calendar.
  const calendar = page.locator('.calendar').first();
  await calendar.locator('table.week-calendar').waitFor();
  for (let i = 0; i < 7; i++) {
    const caption = await calendar.locator('caption').innerText();
    await calendar.getByRole('button', { name: 'Volgende week →' }).click();
    await page.waitForFunction((c) => document.querySelector('.calendar caption')?.textContent !== c, caption);
  }
  await calendar.getByRole('button', { name: /^vrij – Kies als begin: do .* 19:00$/ }).click();
  assert.match(await page.getByLabel('Begin', { exact: true }).inputValue(), /T19:00$/, 'the picked hour fills in the start');
  await page.getByLabel('Aantal personen').fill('25');
  await page.getByLabel('Waarvoor?').fill('Bewonersvergadering Sluizeken');
  assert.match(await page.locator('p.price').innerText(), /€ 20,00 \(resident\)/, 'live price for two hours');
  await page.getByRole('button', { name: 'Aanvraag versturen' }).click();
  await page.waitForSelector('form.booking-form p.success');

  // The manager (here: the administrator) approves in the inbox.
  const manager = await browser.newPage();
  await uiLogin(manager, process.env.SAMENSTAD_E2E_ADMIN_EMAIL, process.env.SAMENSTAD_E2E_ADMIN_PASSWORD);
  await manager.goto(`${BASE}/manage`);
  const row = manager.locator('li.booking', { hasText: 'Bewonersvergadering Sluizeken' });
  await row.waitFor();
  await row.getByRole('button', { name: 'Goedkeuren' }).click();
  await manager.locator('li.booking.status-approved', { hasText: 'Bewonersvergadering Sluizeken' }).waitFor();
  await manager.close();

  await page.goto(`${BASE}/bookings`);
  const mine = page.locator('li.booking', { hasText: 'Bewonersvergadering Sluizeken' });
  await mine.waitFor();
  assert.match(await mine.locator('.status').innerText(), /goedgekeurd/);

  // The approved slot now shows as busy in the calendar, the hours around it stay free.
  await page.goto(`${BASE}/venues/buurtcentrum-sluizeken`);
  const cal = page.locator('.calendar').first();
  await cal.locator('table.week-calendar').waitFor();
  for (let i = 0; i < 7; i++) {
    const caption = await cal.locator('caption').innerText();
    await cal.getByRole('button', { name: 'Volgende week →' }).click();
    await page.waitForFunction((c) => document.querySelector('.calendar caption')?.textContent !== c, caption);
  }
  const thursday = (hour) => cal.locator(`tbody tr:has(th:text-is("${hour}")) td:nth-child(5)`);
  await thursday('19:00').filter({ hasText: 'bezet' }).waitFor();
  assert.equal(await thursday('20:00').innerText(), 'bezet');
  assert.equal(await thursday('18:00').innerText(), 'vrij');
  assert.equal(await thursday('21:00').innerText(), 'vrij');
  assert.deepEqual(errors.filter((e) => !/40[01]/.test(e)), []);
  await page.close();
});

test('clicking the venue map sorts the places by distance from that point', async () => {
  const { page, errors } = await openPage();
  await page.goto(`${BASE}/venues`);
  await page.waitForSelector('svg.venue-map circle.venue-marker');
  const box = await page.locator('svg.venue-map').boundingBox();
  await page.mouse.click(box.x + box.width * 0.35, box.y + box.height * 0.62);
  await page.waitForSelector('svg.venue-map circle.near-pin');
  await page.waitForFunction(() => /\d+(\.\d)? k?m/.test(document.querySelector('ul.venue-list li .meta')?.textContent ?? ''));
  const metres = await page.locator('ul.venue-list li .meta').evaluateAll((els) => els.map((e) => {
    const m = e.textContent.match(/([\d.]+) (k?m)/);
    return m ? parseFloat(m[1]) * (m[2] === 'km' ? 1000 : 1) : NaN;
  }));
  assert.ok(metres.length > 10 && metres.every((d) => !Number.isNaN(d)), `${metres}`);
  assert.ok(metres.every((d, i) => i === 0 || metres[i - 1] <= d + 50), `sorted: ${metres}`);
  await page.getByRole('button', { name: 'Niet meer op afstand sorteren' }).click();
  await page.waitForFunction(() => !document.querySelector('svg.venue-map circle.near-pin'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a weekly series from the booking form reaches the manager inbox as one item with its dates', async () => {
  const stamp = Date.now();
  const email = `naaiatelier-${stamp}@example.org`;
  const password = 'een lange zin als wachtwoord';
  await residentSession(email, password);
  const { page, errors } = await openPage();
  await uiLogin(page, email, password);
  await page.goto(`${BASE}/venues/open-huis-watersportbaan`);
  await page.waitForSelector('form.booking-form');
  const start = new Date(Date.now() + 60 * 24 * 3600 * 1000);
  const day = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  await page.getByLabel('Begin', { exact: true }).fill(`${day(start)}T14:00`);
  await page.getByLabel('Aantal personen').fill('12');
  await page.getByLabel('Herhalen').selectOption('weekly');
  await page.getByLabel('Tot en met').fill(day(new Date(start.getTime() + 20 * 24 * 3600 * 1000)));
  await page.getByLabel('Waarvoor?').fill(`Naaiatelier ${stamp}`);
  await page.getByRole('button', { name: 'Aanvraag versturen' }).click();
  await page.waitForSelector('form.booking-form p.success');

  const manager = await browser.newPage();
  await uiLogin(manager, process.env.SAMENSTAD_E2E_ADMIN_EMAIL, process.env.SAMENSTAD_E2E_ADMIN_PASSWORD);
  await manager.goto(`${BASE}/manage`);
  const series = manager.locator('li.booking', { hasText: `Naaiatelier ${stamp}` });
  await series.first().waitFor();
  assert.equal(await series.count(), 1, 'one item for the whole series');
  assert.match(await series.locator('span.status').innerText(), /reeks van 3 aanvragen/);
  assert.equal(await series.locator('details li').count(), 3, 'its three weekly dates');
  assert.equal(await manager.locator('section.week', { hasText: `Naaiatelier ${stamp}` }).count(), 1, 'in the week of the first');
  await manager.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test('"near me" uses the browser location and sorts by distance from it', async () => {
  const context = await browser.newContext({ geolocation: { latitude: 51.0359, longitude: 3.7107 }, permissions: ['geolocation'] });
  const page = await context.newPage();
  await page.goto(`${BASE}/venues`);
  await page.waitForSelector('html[data-app="started"] ul.venue-list li');
  await page.getByRole('button', { name: 'In mijn buurt' }).click();
  await page.waitForSelector('svg.venue-map circle.near-pin');
  await page.waitForFunction(() => / k?m/.test(document.querySelector('ul.venue-list li .meta')?.textContent ?? ''));
  const metres = await page.locator('ul.venue-list li .meta').evaluateAll((els) => els.map((e) => {
    const m = e.textContent.match(/([\d.]+) (k?m)/);
    return m ? parseFloat(m[1]) * (m[2] === 'km' ? 1000 : 1) : NaN;
  }));
  assert.ok(metres.every((d, i) => i === 0 || metres[i - 1] <= d + 50), `sorted from the browser location: ${metres}`);
  assert.ok(metres[0] < 1500, `something within 1.5 km of Gent-Sint-Pieters: ${metres[0]}`);
  await context.close();
});

test('submit an idea for a wijk, support it, staff refer it with a reason, the resident reads why', async () => {
  const email = `lotte-${Date.now()}@example.org`;
  const password = 'een lange zin als wachtwoord';
  await residentSession(email, password);
  const { page, errors } = await openPage();
  await uiLogin(page, email, password);
  await page.goto(`${BASE}/ideas?wijk=2`);
  await page.getByRole('heading', { name: 'Een idee indienen' }).waitFor();
  await page.waitForFunction(() => document.querySelector('#idea-wijk')?.value === '2');
  await page.getByLabel('Titel van je idee').fill('Bloembakken aan de Vrijdagmarkt');
  await page.getByLabel('Beschrijf je idee').fill('Meer groen en zitplekken voor iedereen die er wacht.');
  await page.getByLabel('Geschatte kost (euro)').fill('1.500');
  await page.getByRole('button', { name: 'Idee indienen' }).click();
  await page.waitForURL(/\/ideas\/[0-9a-f-]{36}$/);
  const url = page.url();
  await page.getByRole('heading', { name: 'Bloembakken aan de Vrijdagmarkt' }).waitFor();
  assert.match(await page.locator('p.status').innerText(), /ingediend/);
  assert.match(await page.locator('article').innerText(), /€ 1\.500/);
  await page.getByRole('button', { name: 'Ik steun dit idee' }).click();
  await page.locator('.supporters', { hasText: '1 steunen dit idee' }).waitFor();
  // The author adds a photo; the page shows it.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAACklEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg==', 'base64');
  await page.getByLabel(/Foto toevoegen/).setInputFiles({ name: 'bloembakken.png', mimeType: 'image/png', buffer: png });
  await page.locator('img.idea-photo[alt="Bloembakken aan de Vrijdagmarkt"]').waitFor();
  await page.waitForFunction(() => document.querySelector('img.idea-photo')?.naturalWidth === 1);

  const staff = await browser.newPage();
  await uiLogin(staff, process.env.SAMENSTAD_E2E_ADMIN_EMAIL, process.env.SAMENSTAD_E2E_ADMIN_PASSWORD);
  await staff.goto(url);
  await staff.getByLabel('Status').selectOption('referred');
  await staff.getByLabel('Reden (bewoners lezen dit)').fill('Het groenonderhoud plant dit al voor het voorjaar.');
  await staff.getByLabel('Welke stadsdienst neemt het op?').fill('Groendienst');
  await staff.getByRole('button', { name: 'Beslissing opslaan' }).click();
  await staff.locator('ol.history li', { hasText: 'doorverwezen' }).waitFor();
  await staff.close();

  await page.reload();
  const status = page.locator('p.status');
  await status.waitFor();
  assert.match(await status.innerText(), /doorverwezen naar het reguliere beleid: Het groenonderhoud plant dit al voor het voorjaar\. \(Groendienst\)/);
  assert.equal(await page.locator('ol.history li').count(), 2, 'submitted, then referred');

  // An idea with a point (placed with the keyboard on the form's map) shows on the wijk's map
  // and opens from it.
  await page.goto(`${BASE}/ideas?wijk=2`);
  await page.waitForFunction(() => document.querySelector('#idea-wijk')?.value === '2');
  await page.getByLabel('Titel van je idee').fill('Zitbank aan het Sluizeken');
  await page.getByLabel('Beschrijf je idee').fill('Een bank in de schaduw bij de tramhalte.');
  await page.locator('svg.point-picker').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  await page.locator('svg.point-picker circle.near-pin').waitFor();
  await page.getByRole('button', { name: 'Idee indienen' }).click();
  await page.waitForURL(/\/ideas\/[0-9a-f-]{36}$/);
  const pinned = { body: { id: page.url().split('/').pop() } };
  await page.goto(`${BASE}/ideas?wijk=2`);
  await page.locator('ul.idea-list li', { hasText: 'Bloembakken aan de Vrijdagmarkt' }).waitFor();
  const marker = page.locator('svg.marker-map circle.idea-marker[aria-label="Zitbank aan het Sluizeken"]');
  await marker.waitFor();
  await marker.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/ideas/${pinned.body.id}`);
  await page.goto(`${BASE}/wijkbudget`);
  await page.locator('table.allocations').first().waitFor();
  assert.equal(await page.locator('table.allocations tbody tr').count(), 25, 'every wijk has its budget');
  assert.match(await page.locator('table.allocations tbody tr', { hasText: 'Drongen' }).innerText(), /geloot wijkpanel/);
  assert.deepEqual(errors.filter((e) => !/40[01]/.test(e)), []);
  await page.close();
});

// Staff steps of the wijkbudget (vote, panel) are driven through the staff pages in staff.test.mjs.

test('an organisation applies for a €300 flat grant and a €1,800 jury grant; the jury scores; the admin approves; the applicant reads the decision', async () => {
  const password = 'een lange zin als wachtwoord';
  const stamp = Date.now();
  const adminEmail = process.env.SAMENSTAD_E2E_ADMIN_EMAIL;
  const adminPassword = process.env.SAMENSTAD_E2E_ADMIN_PASSWORD;
  // A resident who owns a vzw (a vzw needs no co-signatures) and a jury member of Samen aan Zet.
  const applicantEmail = `buurtwerk-${stamp}@example.org`;
  await residentSession(applicantEmail, password);
  const juryEmail = `jurylid-${stamp}@example.org`;
  cliUser(juryEmail, password, { role: 'jury_member', scheme: 'samen-aan-zet', name: 'Jurylid' });
  const day = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const plus = (iso, days) => { const d = new Date(`${iso}T12:00:00`); d.setDate(d.getDate() + days); return day(d); };
  const today = day(new Date());

  const { page, errors } = await openPage();
  await uiLogin(page, applicantEmail, password);
  await createOrganisation(page, { name: 'Buurtwerk Rabot vzw', kind: 'vzw', wijk: 7 });

  // 1. The flat grant: the finder proposes it for €300 and "ontmoeten".
  await page.getByRole('link', { name: 'Subsidies', exact: true }).click();
  await page.getByRole('heading', { name: 'Welke subsidie past bij mijn idee?' }).waitFor();
  assert.match(await page.locator('article.scheme.archived').innerText(), /Wijk aan Zet[\s\S]*gearchiveerd[\s\S]*Vervangen door Samen aan Zet/);
  await page.getByLabel('Hoeveel heb je nodig? (euro)').fill('300');
  await page.getByLabel('Thema', { exact: true }).selectOption('ontmoeten');
  const forfait = page.locator('table.fits tbody tr', { hasText: 'Forfait' });
  await forfait.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('table.fits tbody tr').length === 1);
  assert.match(await forfait.innerText(), /Samen aan Zet\s+Forfait €150, €300 of €500\s+€ 300\s+getoetst aan de regels\s+\d{4}-\d\d-\d\d/);
  await forfait.getByRole('link', { name: /^Aanvragen/ }).click();
  await page.waitForURL('**/subsidies/apply/samen-aan-zet?category=forfait');
  assert.equal(await page.getByLabel('Categorie').inputValue(), 'forfait');
  await page.getByLabel('Aanvrager').selectOption({ label: 'Namens Buurtwerk Rabot vzw' });
  await page.getByRole('button', { name: 'Aanvraag starten' }).click();
  await page.waitForURL(/\/subsidies\/applications\/[0-9a-f-]{36}$/);
  const flatUrl = page.url();
  await page.getByRole('heading', { name: 'Nieuwe aanvraag' }).waitFor();
  // The rules of the scheme show while typing: a start within six weeks is refused next to the field.
  await page.getByLabel('Titel', { exact: true }).fill('Soep op het plein');
  await page.getByLabel('Omschrijving: wat, voor wie en waarom').fill('Elke maand soep en een babbel voor de hele buurt op het Rabotplein.');
  await page.getByLabel('Ontmoeten').check();
  await page.getByLabel('Iedereen').check();
  await page.getByLabel('Wijk', { exact: true }).selectOption('7');
  await page.getByLabel('Laatste dag').fill(plus(today, 60));
  await page.getByLabel('Eerste dag').fill(plus(today, 10));
  await page.locator('#problems-starts-on', { hasText: `42 dagen tussen het indienen en de start: begin op ${plus(today, 42)} of later` }).waitFor();
  assert.equal(await page.getByLabel('Eerste dag').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Eerste dag').fill(plus(today, 60));
  await page.waitForFunction(() => document.querySelector('#problems-starts-on')?.textContent === '');
  await page.getByRole('button', { name: 'Kostenlijn toevoegen' }).click();
  await page.getByRole('button', { name: 'Kostenlijn toevoegen' }).click();
  const line1 = page.getByRole('group', { name: 'Kostenlijn 1' });
  await line1.getByLabel('Soort kost').selectOption('materials');
  await line1.getByLabel('Omschrijving', { exact: true }).fill('Soepketels en tafels');
  await line1.getByLabel('Bedrag (euro)').fill('280');
  const line2 = page.getByRole('group', { name: 'Kostenlijn 2' });
  await line2.getByLabel('Soort kost').selectOption('catering');
  await line2.getByLabel('Omschrijving', { exact: true }).fill('Groenten');
  await line2.getByLabel('Bedrag (euro)').fill('120');
  await page.locator('#problems-budget-lines', { hasText: 'hoogstens 20% van de kosten mag naar eten en drinken gaan (€ 120 van € 400)' }).waitFor();
  await line2.getByLabel('Bedrag (euro)').fill('60');
  await page.getByLabel('Gevraagd bedrag (euro)').selectOption('300');
  assert.match(await page.locator('section[aria-labelledby="step-cosign"]').innerText(), /geen handtekeningen van andere bewoners nodig/);
  await page.getByText('Alles is in orde: je kan indienen.').waitFor();
  await page.getByRole('status').filter({ hasText: 'Alle wijzigingen zijn bewaard.' }).waitFor();
  await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
  await page.locator('p.status', { hasText: 'ingediend' }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Soep op het plein');

  // 2. The jury grant of €1,800, for the next deadline.
  await page.goto(`${BASE}/subsidies`);
  await page.getByLabel('Hoeveel heb je nodig? (euro)').fill('1.800');
  const jury = page.locator('table.fits tbody tr', { hasText: 'Tot €2.000' });
  await jury.waitFor();
  // The next jury deadline, as the finder shows it: the earliest start follows four weeks later.
  const [, earliest, deadline] = (await jury.innerText()).match(/tot € 2\.000\s+jury\s+(\d{4}-\d\d-\d\d)\s+(\d{4}-\d\d-\d\d)/) ?? [];
  assert.ok(deadline >= today, `an open jury deadline: ${deadline}`);
  assert.equal(earliest, plus(deadline, 28));
  // The finder re-renders its table while the amount settles: a click on a row that is being
  // replaced is lost, so click again until the application page opens (at most three times).
  // A click that did navigate, only slowly (a loaded machine), is not repeated: the finder's
  // link is gone from the application page.
  for (let attempt = 1; ; attempt++) {
    if (!page.url().includes('/subsidies/apply/')) {
      await jury.getByRole('link', { name: /^Aanvragen/ }).click({ timeout: 10000 });
    }
    try {
      await page.waitForURL('**/subsidies/apply/samen-aan-zet?category=tot_2000', { timeout: 10000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
  await page.getByRole('button', { name: 'Aanvraag starten' }).click();
  await page.waitForURL((url) => /\/subsidies\/applications\/[0-9a-f-]{36}$/.test(url.pathname) && url.href !== flatUrl);
  const juryUrl = page.url();
  await page.getByLabel('Titel', { exact: true }).fill('Buurtfeest Rabot');
  await page.getByLabel('Omschrijving: wat, voor wie en waarom').fill('Een straatfeest met muziek, spelen voor de kinderen en een buurtmaaltijd.');
  await page.getByLabel('Samenleven').check();
  await page.getByLabel('Kinderen (0–11)').check();
  await page.getByLabel('Wijk', { exact: true }).selectOption('7');
  await page.getByLabel('Eerste dag').fill(plus(deadline, 35));
  await page.getByLabel('Laatste dag').fill(plus(deadline, 36));
  for (const [n, kind, what, euros] of [[1, 'performers', 'Muzikanten', '1.000'], [2, 'materials', 'Podium en tenten', '700'], [3, 'catering', 'Buurtmaaltijd', '300']]) {
    await page.getByRole('button', { name: 'Kostenlijn toevoegen' }).click();
    const line = page.getByRole('group', { name: `Kostenlijn ${n}` });
    await line.getByLabel('Soort kost').selectOption(kind);
    await line.getByLabel('Omschrijving', { exact: true }).fill(what);
    await line.getByLabel('Bedrag (euro)').fill(euros);
  }
  await page.locator('p.total', { hasText: '€ 2.000' }).waitFor();
  await page.getByLabel('Gevraagd bedrag (euro)').fill('2.500');
  await page.locator('#problems-requested-cents', { hasText: 'deze categorie geeft hoogstens € 2.000' }).waitFor();
  await page.getByLabel('Gevraagd bedrag (euro)').fill('1.800');
  await page.getByText('Alles is in orde: je kan indienen.').waitFor();
  await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
  await page.locator('p.status', { hasText: `ingediend · Jurydeadline ${deadline}` }).waitFor();

  // 3. The admin sends the deadline to the jury.
  const admin = await browser.newPage();
  await uiLogin(admin, adminEmail, adminPassword);
  await admin.goto(`${BASE}/subsidies/admin`);
  await admin.getByRole('button', { name: `Naar de jury sturen (${deadline})` }).click();
  await admin.getByRole('status').filter({ hasText: `Naar de jury gestuurd: deadline ${deadline} (1 aanvraag)` }).waitFor();
  await admin.locator('tr', { hasText: 'Buurtfeest Rabot' }).filter({ hasText: 'bij de jury' }).waitFor();

  // 4. The jury member scores every criterion.
  const juror = await browser.newPage();
  await uiLogin(juror, juryEmail, password);
  await juror.goto(`${BASE}/subsidies/jury`);
  await juror.getByRole('link', { name: 'Buurtfeest Rabot' }).click();
  await juror.waitForURL(juryUrl);
  await juror.getByRole('heading', { name: 'Scoren (jury)' }).waitFor();
  for (const [criterion, score] of [[/^Brengt mensen samen/, '8'], [/^Versterkt het samenleven/, '7'], [/^Versterkt de deelnemers/, '6'], [/^Haalbaar plan/, '9']]) {
    const group = juror.getByRole('group', { name: criterion });
    await group.getByLabel('Score (0–10)').fill(score);
    await group.getByLabel('Toelichting').fill('Goed uitgewerkt.');
  }
  await juror.getByRole('button', { name: 'Scores bewaren' }).click();
  await juror.getByRole('status').filter({ hasText: 'Je scores zijn bewaard.' }).waitFor();
  await juror.close();

  // 5. The admin reads the advice and approves both, the jury grant in part.
  await admin.reload();
  const juryRow = admin.locator('tr', { hasText: 'Buurtfeest Rabot' });
  await juryRow.filter({ hasText: '7,5' }).waitFor();
  await juryRow.getByRole('button', { name: /^Behandelen/ }).click();
  await admin.locator('.advice', { hasText: 'Gewogen gemiddelde: 7,5 / 10' }).waitFor();
  await admin.getByLabel('Gedeeltelijk goedkeuren').check();
  await admin.getByLabel('Toegekend bedrag (euro)').fill('1.500');
  await admin.getByLabel('Reden (de aanvrager leest dit)').fill('Sterk plan; de stad leent het podium gratis uit.');
  await admin.getByRole('button', { name: 'Beslissing opslaan' }).click();
  await juryRow.filter({ hasText: 'goedgekeurd' }).filter({ hasText: '€ 1.500' }).waitFor();
  const flatRow = admin.locator('tr', { hasText: 'Soep op het plein' });
  await flatRow.getByRole('button', { name: /^Behandelen/ }).click();
  await admin.getByRole('heading', { name: 'Behandelen: Soep op het plein' }).waitFor();
  await admin.getByLabel('Volledig goedkeuren').check();
  await admin.getByLabel('Reden (de aanvrager leest dit)').fill('Past binnen het forfait.');
  await admin.getByRole('button', { name: 'Beslissing opslaan' }).click();
  await flatRow.filter({ hasText: 'goedgekeurd' }).filter({ hasText: '€ 300' }).waitFor();
  await admin.close();

  // 6. The applicant reads the decisions and their reasons.
  await page.goto(juryUrl);
  await page.locator('p.status', { hasText: 'goedgekeurd' }).waitFor();
  const decision = await page.locator('section.decision').innerText();
  assert.match(decision, /€ 1\.500 \(gedeeltelijk: van de € 1\.800 gevraagd\)/);
  assert.match(decision, /Sterk plan; de stad leent het podium gratis uit\./);
  assert.match(await page.locator('ol.timeline').innerText(), /goedgekeurd \(stad\): Sterk plan/);
  await page.goto(flatUrl);
  await page.locator('p.status', { hasText: 'goedgekeurd' }).waitFor();
  assert.match(await page.locator('section.decision').innerText(), /Toegekend bedrag\s+€ 300[\s\S]*Past binnen het forfait\./);
  await page.getByRole('link', { name: 'Mijn aanvragen' }).click();
  await page.locator('table.applications tbody tr').first().waitFor();
  assert.equal(await page.locator('table.applications tbody tr', { hasText: 'goedgekeurd' }).count(), 2);
  assert.deepEqual(errors.filter((e) => !/40[01]/.test(e)), []);
  await page.close();
});

test('staff of a wijk open its overview: ideas, grants and the last 12 months, with charts that read without colour', async () => {
  const password = 'een lange zin als wachtwoord';
  const stamp = Date.now();
  // A €300 grant for Sint-Amandsberg (wijk 23), applied for by a vzw and approved through the
  // pages, and the staff member of that wijk.
  const applicantEmail = `overzicht-${stamp}@example.org`;
  await residentSession(applicantEmail, password);
  const start = new Date(Date.now() + 60 * 86400000).toISOString().slice(0, 10);
  const applicant = await browser.newPage();
  await uiLogin(applicant, applicantEmail, password);
  await createOrganisation(applicant, { name: 'Vzw Overzicht', kind: 'vzw', wijk: 23 });
  await applicant.goto(`${BASE}/subsidies/apply/samen-aan-zet?category=forfait`);
  await applicant.getByLabel('Aanvrager').selectOption({ label: 'Namens Vzw Overzicht' });
  await applicant.getByRole('button', { name: 'Aanvraag starten' }).click();
  await applicant.waitForURL(/\/subsidies\/applications\/[0-9a-f-]{36}$/);
  await applicant.getByLabel('Titel', { exact: true }).fill('Soepbar');
  await applicant.getByLabel('Omschrijving: wat, voor wie en waarom').fill('Elke zaterdag soep en een babbel op het plein.');
  await applicant.getByLabel('Ontmoeten').check();
  await applicant.getByLabel('Wijk', { exact: true }).selectOption('23');
  await applicant.getByLabel('Eerste dag').fill(start);
  await applicant.getByLabel('Laatste dag').fill(start);
  await applicant.getByRole('button', { name: 'Kostenlijn toevoegen' }).click();
  const line = applicant.getByRole('group', { name: 'Kostenlijn 1' });
  await line.getByLabel('Soort kost').selectOption('materials');
  await line.getByLabel('Omschrijving', { exact: true }).fill('Ketels');
  await line.getByLabel('Bedrag (euro)').fill('300');
  await applicant.getByLabel('Gevraagd bedrag (euro)').selectOption('300');
  await applicant.getByText('Alles is in orde: je kan indienen.').waitFor();
  await applicant.getByRole('status').filter({ hasText: 'Alle wijzigingen zijn bewaard.' }).waitFor();
  await applicant.getByRole('button', { name: 'Aanvraag indienen' }).click();
  await applicant.locator('p.status', { hasText: 'ingediend' }).waitFor();
  await applicant.close();
  const admin = await browser.newPage();
  await uiLogin(admin, process.env.SAMENSTAD_E2E_ADMIN_EMAIL, process.env.SAMENSTAD_E2E_ADMIN_PASSWORD);
  await admin.goto(`${BASE}/subsidies/admin`);
  const row = admin.locator('tr', { hasText: 'Soepbar' });
  await row.getByRole('button', { name: /^Behandelen/ }).click();
  await admin.getByRole('heading', { name: 'Behandelen: Soepbar' }).waitFor();
  await admin.getByLabel('Volledig goedkeuren').check();
  await admin.getByLabel('Reden (de aanvrager leest dit)').fill('Goed plan.');
  await admin.getByRole('button', { name: 'Beslissing opslaan' }).click();
  await row.filter({ hasText: 'goedgekeurd' }).filter({ hasText: '€ 300' }).waitFor();
  await admin.close();
  const staffEmail = `wijkregisseur-${stamp}@example.org`;
  cliUser(staffEmail, password, { role: 'wijk_staff', wijk: 23, name: 'Wijkregisseur' });

  const { page, errors } = await openPage();
  await uiLogin(page, staffEmail, password);
  await page.goto(`${BASE}/wijken/23`);
  await page.getByRole('link', { name: 'Overzicht voor de wijkregie' }).click();
  await page.getByRole('heading', { level: 1, name: /Overzicht voor de wijkregie: 23/ }).waitFor();
  const grants = page.locator('section', { has: page.getByRole('heading', { name: 'Subsidies voor de wijk' }) });
  assert.match(await grants.innerText(), /Toegekend\s+1 · € 300/);
  const rows = page.locator('section', { has: page.getByRole('heading', { name: 'De laatste 12 maanden' }) }).locator('tbody tr');
  assert.equal(await rows.count(), 12);
  assert.match(await rows.last().innerText(), /€ 300/);
  // Every chart names itself and its figures for screen readers.
  const charts = page.locator('svg[role="img"]');
  assert.ok(await charts.count() >= 3);
  for (const chart of await charts.all()) {
    assert.ok((await chart.getAttribute('aria-labelledby'))?.length > 0);
  }
  // Staff of another wijk are told the page is not for them.
  await page.goto(`${BASE}/wijken/5/overview`);
  await page.getByRole('alert').waitFor();
  assert.deepEqual(errors.filter((e) => !/40[13]/.test(e)), []);
  await page.close();
});

test('the server tells a Dutch reader in Dutch and an English reader in English', async () => {
  const { page } = await openPage();
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-mailadres').fill(`niemand-${Date.now()}@example.org`);
  await page.getByLabel('Wachtwoord', { exact: true }).fill('een verkeerd wachtwoord dus');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  const alert = page.locator('main [role=alert]').first();
  await alert.waitFor();
  const dutch = await alert.innerText();
  assert.match(dutch, /wachtwoord/i, dutch);
  assert.doesNotMatch(dutch, /password|wrong/i, 'no English on a Dutch page');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForFunction(() => /password is wrong/.test(document.querySelector('main [role=alert]')?.innerText ?? ''));
  await page.close();
});

test('each municipality is served at its own host name: the home page names it', async () => {
  const { page } = await openPage();
  await page.goto(`${BASE}/`);
  await page.waitForFunction(() => document.querySelector('main h1')?.innerText === 'Samen stad maken: de 25 wijken van Gent');
  // The seed serves Dendermonde at dendermonde.localhost (browsers send *.localhost here).
  const dendermonde = BASE.replace(/\/\/[^/:]+/, '//dendermonde.localhost');
  await page.goto(`${dendermonde}/venues`);
  await page.waitForSelector('html[data-app="started"] ul.venue-list li');
  assert.equal(await page.locator('ul.venue-list li').count(), 1, "only Dendermonde's venue");
  assert.match(await page.locator('ul.venue-list li').innerText(), /Sociaal Huis Dendermonde/);
  await page.goto(`${dendermonde}/`);
  await page.waitForFunction(() => document.querySelector('main h1')?.innerText === 'Samen stad maken in Dendermonde');
  await page.close();
});

test("the public pages' first HTML carries their heading, the one the app then shows, before any wasm has run", async () => {
  const { page, errors } = await openPage();
  const dendermonde = BASE.replace(/\/\/[^/:]+/, '//dendermonde.localhost');
  const pages = [[BASE, '/'], [BASE, '/wijken/brugse-poort-rooigem'], [BASE, '/venues'],
    [BASE, '/venues/buurtcentrum-sluizeken'], [BASE, '/ideas'],
    [BASE, '/projects'], [BASE, '/subsidies'], [BASE, '/grants'], [BASE, '/open-data'], [BASE, '/signals'],
    [BASE, '/councils'], [dendermonde, '/']];
  for (const [base, path] of pages) {
    // As the browser receives it, before anything has run.
    const response = await page.goto(`${base}${path}`);
    assert.equal(response.status(), 200, path);
    const html = await response.text();
    const first = html.match(/<main[^>]*>[\s\S]*?<h1>([^<]*)<\/h1>/);
    assert.ok(first, `${base}${path}: a heading in <main> of the first HTML`);
    assert.match(html, /assets\/boot-samenstad_public_[a-z]+-/, `${path}: a public build`);
    assert.doesNotMatch(html, /samenstad_resident|samenstad_web_bg/, `${path}: no other build`);
    // The app, once started, shows the same heading, and every heading, paragraph and table
    // cell the first HTML had (the same texts, so it takes over without changing them).
    const expected = first[1].replace(/&amp;/g, '&').replace(/&#39;/g, "'");
    await page.waitForSelector('html[data-app="started"]');
    await page.waitForFunction(() => !document.querySelector('main .loading'));
    assert.equal(await page.locator('main h1').first().innerText(), expected, `${base}${path}`);
    assert.deepEqual(await firstHtmlTextsNotShown(page, html), [], `${base}${path}: texts of the first HTML the app does not show`);
  }
  // The venue and subsidy pages carry their content too: the description, every scheme.
  const venue = await (await page.goto(`${BASE}/venues/buurtcentrum-sluizeken`)).text();
  assert.match(venue, /<h1>Buurtcentrum Sluizeken<\/h1>.*<p>Buurtcentrum met buurtsecretariaat/s);
  // A wijk's first HTML: its figures, its outline in its place and its front door.
  const wijkHtml = await (await page.goto(`${BASE}/wijken/brugse-poort-rooigem`)).text();
  assert.match(wijkHtml, /<dt>Wijknummer<\/dt><dd>\d+<\/dd>/);
  assert.equal((wijkHtml.match(/<li><a href="\/venues\/[a-z0-9-]+">/g) ?? []).length, 3, 'its three places');
  assert.match(wijkHtml, /<h2 id="wijk-deadlines">Volgende deadlines<\/h2><ul class="wijk-lines"><li><a href="\/subsidies\/apply\//);
  const box = wijkHtml.match(/<svg class="wijk-outline" viewBox="([^"]+)"/)[1];
  await page.waitForSelector('html[data-app="started"]');
  await page.waitForFunction(() => !document.querySelector('main .loading'));
  assert.equal(await page.locator('svg.wijk-outline').getAttribute('viewBox'), box, 'the outline keeps its place');
  // The venue finder's first HTML: its filters and the list the app shows unfiltered.
  const finder = await (await page.goto(`${BASE}/venues`)).text();
  assert.match(finder, /<select id="f-wijk" disabled>/);
  assert.match(finder, /<h2 id="results-title">Resultaten \(\d+\)<\/h2><ul class="venue-list"><li><a href="\/venues\/[a-z0-9-]+">/);
  await page.waitForSelector('html[data-app="started"]');
  await page.waitForFunction(() => !document.querySelector('main .loading'));
  const listed = (finder.match(/<li><a href="\/venues\//g) ?? []).length;
  assert.equal(await page.locator('ul.venue-list li').count(), listed, 'the app lists the venues the first HTML listed');
  await page.locator('svg.venue-map').waitFor();
  const subsidies = await (await page.goto(`${BASE}/subsidies`)).text();
  assert.match(subsidies, /<article class="scheme"><h3>Samen aan Zet/);
  // The home page's first HTML lists every wijk with its link, and names the host's municipality.
  const home = await (await page.goto(`${BASE}/`)).text();
  assert.equal((home.match(/<li><a href="\/wijken\//g) ?? []).length, 25);
  assert.match(home, /<p class="tagline">Samen stad maken: de 25 wijken van Gent<\/p>/);
  const elsewhere = await (await page.goto(`${dendermonde}/`)).text();
  assert.match(elsewhere, /<p class="tagline">Samen stad maken in Dendermonde<\/p>/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a page answered with a build that lacks it (a server of another release) says so instead of reloading forever', async () => {
  const { page } = await openPage();
  const home = await (await fetch(`${BASE}/`)).text();
  let documents = 0;
  await page.route('**/councils', (route) => {
    documents += 1;
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: home });
  });
  await page.goto(`${BASE}/councils`);
  await page.getByRole('heading', { level: 1, name: 'Niet gevonden' }).waitFor();
  await page.waitForTimeout(1000);
  assert.equal(documents, 2, 'asked the server once more, then stopped');
  await page.close();
});

test("a public page loads only its area's build; a link to another area's or a resident's page loads that build, and back works; within an area nothing more loads", async () => {
  const { page, errors } = await openPage();
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname.replace(/-[0-9a-f]{16}\.wasm$/, '')); });
  await page.goto(`${BASE}/signals`);
  await page.locator('main h1', { hasText: 'Meldingen' }).waitFor();
  await page.waitForSelector('html[data-app="started"]');
  assert.deepEqual(wasm, ['/assets/samenstad_public_signals_bg']);
  // Another area's page loads its build; within it, in-app navigation loads nothing more.
  await page.locator('header').getByRole('link', { name: 'Subsidies' }).click();
  await page.waitForURL('**/subsidies');
  await page.locator('nav.sub-nav').getByRole('link', { name: 'Toegekende subsidies' }).click();
  await page.waitForURL('**/grants', { waitUntil: 'commit' });
  await page.locator('main h1', { hasText: 'Toegekende subsidies' }).waitFor();
  assert.deepEqual(wasm, ['/assets/samenstad_public_signals_bg', '/assets/samenstad_public_subsidies_bg']);
  // Logging in is a resident's page: its build is loaded.
  await page.locator('header').getByRole('link', { name: 'Inloggen' }).click();
  await page.waitForURL('**/login');
  await page.getByRole('button', { name: 'Inloggen' }).waitFor();
  assert.deepEqual(wasm, ['/assets/samenstad_public_signals_bg', '/assets/samenstad_public_subsidies_bg',
    '/assets/samenstad_resident_bg']);
  await page.goBack();
  await page.waitForURL('**/grants', { waitUntil: 'commit' });
  await page.locator('main h1', { hasText: 'Toegekende subsidies' }).waitFor();
  await page.goBack();
  await page.waitForURL('**/subsidies', { waitUntil: 'commit' });
  await page.goBack();
  await page.waitForURL('**/signals', { waitUntil: 'commit' });
  await page.locator('main h1', { hasText: 'Meldingen' }).waitFor();
  // The venue finder and a venue are two builds: a venue's link loads the venue's, and Back
  // shows the finder again.
  wasm.length = 0;
  await page.goto(`${BASE}/venues`);
  await page.waitForSelector('html[data-app="started"] ul.venue-list li');
  const first = page.locator('ul.venue-list li a').first();
  const name = await first.innerText();
  // (The venue's heading is in its first HTML: wait for the venue's build itself.)
  const venueBuild = page.waitForRequest((r) => /samenstad_public_venue_bg-[0-9a-f]{16}\.wasm$/.test(r.url()));
  await first.click();
  await venueBuild;
  await page.waitForURL(/\/venues\/[a-z0-9-]+$/);
  await page.waitForSelector('html[data-app="started"]');
  await page.locator('main h1', { hasText: name }).waitFor();
  assert.deepEqual(wasm, ['/assets/samenstad_public_venues_bg', '/assets/samenstad_public_venue_bg']);
  await page.goBack();
  await page.waitForSelector('html[data-app="started"] ul.venue-list li');
  // Home and a wijk are two builds: a wijk's link loads the page from the server; Back, and the
  // same link again at once, loads it again (it is not taken for a server answering the page
  // with the wrong build, which would show "not found").
  for (let i = 0; i < 2; i++) {
    if (i > 0) await page.goBack();
    else await page.goto(`${BASE}/`);
    await page.waitForSelector('html[data-app="started"] ul.wijk-list li');
    await page.locator('ul.wijk-list li a').first().click();
    await page.waitForURL(/\/wijken\/[a-z0-9-]+$/);
    await page.waitForSelector('html[data-app="started"] article.wijk h1');
    assert.equal(await page.getByRole('heading', { level: 1, name: 'Niet gevonden' }).count(), 0);
  }
  assert.ok(wasm.includes('/assets/samenstad_public_home_bg') && wasm.includes('/assets/samenstad_public_wijken_bg'));
  // A path that is no page: 404, and the page says so.
  const missing = await page.goto(`${BASE}/deze/pagina/bestaat/niet`);
  assert.equal(missing.status(), 404);
  await page.getByRole('heading', { level: 1, name: 'Niet gevonden' }).waitFor();
  assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
  await page.close();
});
