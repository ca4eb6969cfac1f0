// The staff back office of the wijkbudget, through the web app only: the sole shortcuts are
// accounts and roles made with the `samenstad admin` CLI (support.mjs `cliUser`). Same set-up
// as web.test.mjs: Debian's Chromium (headless), the real binary, a seeded PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, assertAccessibleInBothLanguages, cliUser, firstHtmlTextsNotShown, launchChromium } from './support.mjs';

const PASSWORD = 'een lange zin als wachtwoord';
const ADMIN = { email: process.env.SAMENSTAD_E2E_ADMIN_EMAIL, password: process.env.SAMENSTAD_E2E_ADMIN_PASSWORD };
let browser;

before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** A page in its own context (own cookies: one person per page). */
async function personPage(viewport = { width: 1200, height: 900 }) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const calls = [];
  page.on('response', (r) => { if (r.url().includes('/api/v1/projects')) calls.push(`${r.request().method()} ${r.status()} ${r.url()}`); });
  return { page, errors, calls, close: () => ctx.close() };
}

async function uiLogin(page, email, password = PASSWORD) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL('**/account');
}

/** `d` as a datetime-local value in this machine's time zone (the browser's too). */
const localInput = (d) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);

const unexpected = (errors) => errors.filter((e) => !/40[0134]|409|422/.test(e));

test('the wijkbudget cycle, run by staff in the web app: paper idea, status, proposal, vote, verification, paper ballot (4-eyes), close, apply, progress on the city map', async () => {
  const stamp = Date.now();
  const sofie = `sofie-${stamp}@stad.example`;
  const jens = `jens-${stamp}@stad.example`;
  const mo = `mo-${stamp}@example.org`;
  cliUser(sofie, PASSWORD, { role: 'wijk_staff', wijk: 17, name: 'Sofie' });
  cliUser(jens, PASSWORD, { role: 'wijk_staff', wijk: 17, name: 'Jens' });
  cliUser(mo, PASSWORD, { name: 'Mo' });

  // The programme administrator lets wijk 17 choose by public vote; the allocation follows live.
  const admin = await personPage();
  await uiLogin(admin.page, ADMIN.email, ADMIN.password);
  await admin.page.getByRole('link', { name: 'Medewerkers' }).click();
  await admin.page.getByRole('link', { name: 'Programma en wijken' }).click();
  const row = admin.page.locator('section.round tbody tr', { hasText: 'Oud Gentbrugge' });
  await row.locator('select').selectOption('public_vote');
  const before = await row.locator('td.live').innerText();
  await row.locator('input[inputmode=decimal]').fill('1,40');
  for (let i = 0; (await row.locator('td.live').innerText()) === before; i++) {
    assert.ok(i < 50, 'the allocation follows the index as it is typed');
    await admin.page.waitForTimeout(100);
  }
  await row.locator('input[inputmode=decimal]').fill('1,00');
  await row.getByLabel(/Reden van de wijziging/).fill('De wijk kiest dit jaar met een stemming.');
  await row.getByRole('button', { name: 'Bewaren' }).click();
  await admin.page.locator('p.success', { hasText: 'Bewaard' }).waitFor();
  assert.deepEqual(unexpected(admin.errors), []);

  // Sofie enters an idea that came in on paper and gives it a public status with a reason.
  const staff = await personPage();
  await uiLogin(staff.page, sofie);
  await staff.page.goto(`${BASE}/staff/ideas`);
  await staff.page.locator('.wijk-picker select').selectOption('17');
  await staff.page.waitForURL('**/staff/ideas?wijk=17');
  await staff.page.getByText('Een idee invoeren dat niet online binnenkwam').click();
  await staff.page.getByLabel('Hoe kwam het binnen?').selectOption('paper');
  await staff.page.getByLabel('Naam van de indiener').fill('Mevrouw Claes');
  await staff.page.getByLabel('Contact (niet publiek, optioneel)').fill('09 123 45 67');
  await staff.page.getByLabel('Titel van het idee').fill('Speelstraat in de zomer');
  await staff.page.getByLabel('Het idee', { exact: true }).fill('Elke woensdag in juli een speelstraat voor de kinderen van de buurt.');
  await staff.page.getByRole('button', { name: 'Idee invoeren' }).click();
  await staff.page.locator('p.success', { hasText: 'Speelstraat in de zomer' }).waitFor();
  const item = staff.page.locator('li.inbox-item', { hasText: 'Speelstraat in de zomer' });
  assert.match(await item.locator('p.meta').innerText(), /op papier/);
  assert.equal(await item.locator('p.submitter').innerText(), 'Ingediend door Mevrouw Claes (09 123 45 67)');
  // Nothing typed is lost on a reload: a half-written reason survives.
  await item.getByText('Behandelen').click();
  await item.getByLabel('Publieke status').selectOption('in_dialogue');
  await item.getByLabel('Reden (publiek)').fill('Besproken op de wijkdialoog van 12 maart.');
  await staff.page.reload();
  const again = staff.page.locator('li.inbox-item', { hasText: 'Speelstraat in de zomer' });
  await again.getByText('Behandelen').click();
  assert.equal(await again.getByLabel('Reden (publiek)').inputValue(), 'Besproken op de wijkdialoog van 12 maart.');
  await again.getByLabel('Publieke status').selectOption('in_dialogue');
  await again.getByRole('button', { name: 'Status bewaren' }).click();
  await staff.page.locator('li.inbox-item', { hasText: 'Speelstraat in de zomer' }).locator('p.meta', { hasText: 'in wijkdialoog' }).waitFor();
  // The channel filter finds it; the online filter does not.
  await staff.page.getByLabel('Kanaal').selectOption('online');
  await staff.page.locator('li.inbox-item', { hasText: 'Speelstraat in de zomer' }).waitFor({ state: 'detached' });
  await staff.page.getByLabel('Kanaal').selectOption('paper');
  await staff.page.locator('li.inbox-item', { hasText: 'Speelstraat in de zomer' }).waitFor();
  const ideaHref = await staff.page.locator('li.inbox-item', { hasText: 'Speelstraat in de zomer' }).locator('h2 a').getAttribute('href');

  // Two proposals, one from the idea, with costed lines.
  await staff.page.getByRole('link', { name: 'Voorstellen' }).click();
  await staff.page.waitForURL('**/staff/proposals?wijk=17');
  const form = staff.page.locator('section.new-proposal form');
  await form.getByLabel('Titel').fill('Speelstraat in de zomer');
  await form.getByLabel('Samenvatting').fill('Vier woensdagen speelstraat met materiaal en begeleiding.');
  await form.getByLabel('Trekkers (wie voert het uit)').fill('Bewonersgroep Speelstraat');
  await form.getByLabel('Post 1', { exact: true }).fill('Speelmateriaal');
  await form.getByLabel('Bedrag post 1 (€)').fill('25.000');
  await form.getByRole('button', { name: 'Post toevoegen' }).click();
  await form.getByLabel('Post 2', { exact: true }).fill('Begeleiding');
  await form.getByLabel('Bedrag post 2 (€)').fill('15000');
  await form.locator('p.total', { hasText: '40.000' }).waitFor();
  await form.getByLabel('Speelstraat in de zomer').check();
  await form.getByRole('button', { name: 'Voorstel bewaren' }).click();
  await staff.page.locator('li.staff-proposal', { hasText: 'Speelstraat in de zomer' }).waitFor();
  await form.getByLabel('Titel').fill('Bankjes aan het water');
  await form.getByLabel('Samenvatting').fill('Zes bankjes langs de oever.');
  await form.getByLabel('Trekkers (wie voert het uit)').fill('Groendienst');
  await form.getByLabel('Post 1', { exact: true }).fill('Bankjes');
  await form.getByLabel('Bedrag post 1 (€)').fill('30000');
  await form.getByRole('button', { name: 'Voorstel bewaren' }).click();
  await staff.page.locator('li.staff-proposal', { hasText: 'Bankjes aan het water' }).waitFor();
  // The idea now shows that it became a proposal, on its public page.
  const pub = await personPage();
  await pub.page.goto(`${BASE}${ideaHref}`);
  await pub.page.locator('p.status', { hasText: 'uitgewerkt tot voorstel' }).waitFor();

  // A vote within the allocation: more than what is left is refused with the amount left.
  await staff.page.getByRole('link', { name: 'Stemmingen' }).click();
  await staff.page.waitForURL('**/staff/votes?wijk=17');
  const vote = staff.page.locator('section.new-vote form');
  await vote.getByLabel('Soort stembiljet').selectOption('knapsack');
  await vote.getByLabel('Budget van de stemming (€)').fill('99.000.000');
  await vote.getByLabel('Opent').fill(localInput(new Date(Date.now() + 3600_000)));
  await vote.getByLabel('Sluit').fill(localInput(new Date(Date.now() + 7 * 86400_000)));
  await vote.getByRole('button', { name: 'Stemming aanmaken' }).click();
  await vote.locator('p.error', { hasText: /left|over|vrij/ }).waitFor();
  await vote.getByLabel('Budget van de stemming (€)').fill('60000');
  await vote.getByRole('button', { name: 'Stemming aanmaken' }).click();
  const article = staff.page.locator('article.staff-vote').first();
  await article.getByRole('heading', { name: /nog niet open/ }).waitFor();
  await article.getByRole('button', { name: 'Nu openen' }).click();
  await staff.page.locator('article.staff-vote').first().getByRole('heading', { name: /Stemming · open/ }).waitFor();
  const voteHref = await staff.page.locator('article.staff-vote h3 a').first().getAttribute('href');

  // Mo supports the paper idea; his account page follows its status. He asks to be verified
  // there; Sofie verifies him from the queue.
  const resident = await personPage();
  await uiLogin(resident.page, mo);
  await resident.page.goto(`${BASE}${ideaHref}`);
  await resident.page.getByRole('button', { name: 'Ik steun dit idee' }).click();
  await resident.page.getByRole('button', { name: 'Steun intrekken' }).waitFor();
  await resident.page.goto(`${BASE}/account`);
  await resident.page.locator('section.my-ideas li', { hasText: 'Speelstraat in de zomer' })
    .filter({ hasText: /uitgewerkt tot voorstel[\s\S]*gesteund/ }).waitFor();
  await resident.page.getByLabel('Wijk').selectOption('17');
  await resident.page.getByLabel('Geboortedatum').fill('1990-05-17');
  await resident.page.getByRole('button', { name: 'Verificatie vragen' }).click();
  await resident.page.locator('p.residence-status', { hasText: 'wacht op verificatie' }).waitFor();
  await staff.page.reload();
  const waiting = staff.page.locator('li.residence-request', { hasText: 'Mo' });
  await waiting.getByRole('button', { name: /Verifiëren/ }).click();
  await waiting.waitFor({ state: 'detached' });
  await resident.page.reload();
  await resident.page.locator('p.residence-status', { hasText: 'geverifieerd' }).waitFor();

  // The open vote's page arrives with its heading and period before the app has run; a
  // visitor's app then shows them as they are (and asks to log in to vote).
  const visitor = await personPage();
  const voteHtml = await (await visitor.page.goto(`${BASE}${voteHref}`)).text();
  assert.match(voteHtml, /<main[^>]*>[\s\S]*<h1>Stemming – Wijk 17<\/h1>[\s\S]*<p class="meta">Budget € 60\.000 · open van /);
  await visitor.page.waitForSelector('html[data-app="started"]');
  await visitor.page.getByRole('link', { name: 'Log in om te stemmen' }).waitFor();
  assert.deepEqual(await firstHtmlTextsNotShown(visitor.page, voteHtml), []);
  assert.deepEqual(unexpected(visitor.errors), []);
  await visitor.close();

  // Mo votes in the web app, against the running total of the knapsack ballot.
  await resident.page.goto(`${BASE}${voteHref}`);
  await resident.page.getByLabel(/Speelstraat in de zomer/).check();
  await resident.page.locator('.running-total', { hasText: '€ 40.000 / € 60.000' }).waitFor();
  await resident.page.getByLabel(/Bankjes aan het water/).check();
  await resident.page.locator('form.ballot p.error', { hasText: 'more than the budget' }).waitFor();
  assert.equal(await resident.page.getByRole('button', { name: 'Stem uitbrengen' }).isDisabled(), true, 'over budget: cannot cast');
  await resident.page.getByLabel(/Bankjes aan het water/).uncheck();
  await resident.page.getByRole('button', { name: 'Stem uitbrengen' }).click();
  await resident.page.locator('form.ballot p.success').waitFor();

  // A paper ballot: Sofie enters it, she cannot confirm it herself; Jens confirms it.
  const paper = staff.page.locator('article.staff-vote').first().locator('section.paper-ballots');
  await paper.getByLabel('Nummer van het biljet').fill('P-001');
  await paper.getByLabel('Speelstraat in de zomer').check();
  await paper.getByRole('button', { name: 'Biljet invoeren' }).click();
  await paper.locator('li.paper-ballot', { hasText: 'P-001' }).waitFor();
  assert.match(await paper.locator('li.paper-ballot', { hasText: 'P-001' }).innerText(), /door jou ingevoerd/);
  assert.equal(await paper.locator('li.paper-ballot', { hasText: 'P-001' }).getByRole('button').count(), 0);
  const second = await personPage();
  await uiLogin(second.page, jens);
  await second.page.goto(`${BASE}/staff/votes?wijk=17`);
  const queue = second.page.locator('article.staff-vote').first().locator('li.paper-ballot', { hasText: 'P-001' });
  assert.match(await queue.innerText(), /Speelstraat in de zomer · Sofie/);
  await queue.getByRole('button', { name: /Bevestigen/ }).click();
  await second.page.locator('article.staff-vote').first().locator('section.paper-ballots', { hasText: 'Geen biljetten te bevestigen' }).waitFor();

  // Close; the results replace the ballot (Mo's vote and the confirmed paper ballot count);
  // staff apply them: the funded proposal becomes a project.
  await staff.page.reload();
  await staff.page.locator('article.staff-vote').first().getByRole('button', { name: 'Nu sluiten' }).click();
  await staff.page.locator('article.staff-vote').first().getByRole('heading', { name: /gesloten/ }).waitFor();
  await resident.page.reload();
  const results = resident.page.locator('table.results');
  await results.waitFor();
  assert.match(await results.locator('tr', { hasText: 'Speelstraat in de zomer' }).innerText(), /2\s+€ 40\.000\s+ja/);
  assert.match(await results.locator('tr', { hasText: 'Bankjes aan het water' }).innerText(), /0\s+€ 30\.000\s+nee/);
  await staff.page.locator('article.staff-vote').first().getByRole('button', { name: 'Uitslag toepassen' }).click();
  await staff.page.locator('p.success', { hasText: 'Uitslag toegepast' }).waitFor();
  assert.equal(await staff.page.locator('article.staff-vote').first().getByRole('link', { name: /Download \.pb/ }).count(), 1);

  // Progress on the project, then on the city-wide page.
  await staff.page.locator('nav.staff-nav').getByRole('link', { name: 'Projecten' }).click();
  await staff.page.waitForURL('**/staff/projects?wijk=17');
  const project = staff.page.locator('article.staff-project', { hasText: 'Speelstraat in de zomer' });
  await project.getByLabel('Wat is er gebeurd? (publiek)').fill('De eerste speelstraat was een succes: 60 kinderen.');
  await project.getByLabel('Status').selectOption('in_realisation');
  await project.getByLabel('Uitgegeven tot nu (€)').fill('6.500');
  await project.getByLabel("Partners (gescheiden door komma's)").fill('Jeugddienst, Bewonersgroep Speelstraat');
  await project.getByRole('button', { name: 'Voortgang publiceren' }).click();
  await staff.page.locator('article.staff-project', { hasText: 'Speelstraat in de zomer' }).locator('p.meta', { hasText: 'in uitvoering' }).waitFor();

  await pub.page.goto(`${BASE}/projects`);
  await pub.page.getByLabel('Wijk', { exact: true }).selectOption('17');
  await pub.page.getByLabel('Status').selectOption('in_realisation');
  await pub.page.waitForURL(/\/projects\?.*status=in_realisation/);
  const line = pub.page.locator('ul.city-projects li', { hasText: 'Speelstraat in de zomer' });
  await line.waitFor();
  assert.match(await line.innerText(), /in uitvoering · € 6\.500 \/ € 40\.000/);
  assert.equal(await pub.page.locator('svg.marker-map path.wijk-bg').count(), 25, 'the whole city on the map');
  await line.getByRole('link').click();
  await pub.page.locator('ol.history li', { hasText: '60 kinderen' }).waitFor();
  assert.match(await pub.page.locator('article.project-page').innerText(), /Jeugddienst/);
  await assertAccessibleInBothLanguages(pub.page, new URL(pub.page.url()).pathname);

  for (const p of [admin, staff, resident, second, pub]) {
    assert.deepEqual(unexpected(p.errors), []);
    await p.close();
  }
});

test('a panel publishes its seed before the draw, draws, members score, and a decision passes only with a majority of the seated members', async () => {
  const stamp = Date.now();
  const members = [1, 2, 3].map((i) => `panellid${i}-${stamp}@example.org`);
  members.forEach((m, i) => cliUser(m, PASSWORD, { name: `Lid ${i + 1}` }));

  const admin = await personPage();
  await uiLogin(admin.page, ADMIN.email, ADMIN.password);
  await admin.page.goto(`${BASE}/staff/proposals?wijk=25`);
  const form = admin.page.locator('section.new-proposal form');
  await form.getByLabel('Titel').fill(`Trage wegen ${stamp}`);
  await form.getByLabel('Samenvatting').fill('Wandelpaden tussen de kernen.');
  await form.getByLabel('Trekkers (wie voert het uit)').fill('Werkgroep');
  await form.getByLabel('Post 1', { exact: true }).fill('Aanleg');
  await form.getByLabel('Bedrag post 1 (€)').fill('50000');
  await form.getByRole('button', { name: 'Voorstel bewaren' }).click();
  await admin.page.locator('li.staff-proposal', { hasText: `Trage wegen ${stamp}` }).waitFor();

  await admin.page.getByRole('link', { name: 'Wijkpanels' }).click();
  await admin.page.waitForURL('**/staff/panels?wijk=25');
  const count = await admin.page.locator('article.staff-panel').count();
  await admin.page.getByLabel('Aantal leden').fill('3');
  await admin.page.getByLabel('Reserves').fill('0');
  await admin.page.getByLabel(/Quorum/).fill('2');
  await admin.page.getByRole('button', { name: 'Wijkpanel aanmaken' }).click();
  await admin.page.waitForFunction((n) => document.querySelectorAll('article.staff-panel').length === n + 1, count);
  const panel = admin.page.locator('article.staff-panel').last();
  await panel.getByLabel(/Vrijwilligers voor de pool/).fill(
    members.map((m, i) => `P-${i + 1}; geslacht=${i % 2 ? 'm' : 'v'}; account=${m}`).join('\n'));
  await panel.getByRole('button', { name: 'Aan de pool toevoegen' }).click();
  await admin.page.locator('article.staff-panel').last().locator('p.meta', { hasText: 'Kandidaten: 3' }).waitFor();
  const panelHref = await admin.page.locator('article.staff-panel').last().locator('h2 a').getAttribute('href');
  await admin.page.locator('article.staff-panel').last().getByLabel(/Seed van de loting/).fill(`Drongen ${stamp}`);
  await admin.page.locator('article.staff-panel').last().getByRole('button', { name: 'Seed publiceren' }).click();
  await admin.page.locator('article.staff-panel').last().locator('p.meta', { hasText: 'publiek sinds' }).waitFor();

  // Before the draw, anyone sees the seed on the panel's public page.
  const visitor = await personPage();
  await visitor.page.goto(`${BASE}${panelHref}`);
  assert.match(await visitor.page.locator('dd.seed').innerText(), new RegExp(`Drongen ${stamp}[\\s\\S]*de loting kan vanaf`));
  await assertAccessibleInBothLanguages(visitor.page, panelHref);

  // The draw waits for the notice period (SAMENSTAD_PANEL_SEED_NOTICE_SECS=3 in scripts/e2e.sh).
  const article = admin.page.locator('article.staff-panel').last();
  await article.getByRole('button', { name: 'Loten' }).click();
  assert.match(await article.locator('p.error').innerText(), /draw/i, 'refused during the notice');
  await admin.page.waitForTimeout(3500);
  await article.getByRole('button', { name: 'Loten' }).click();
  await admin.page.locator('p.success', { hasText: 'geloot' }).waitFor();
  await admin.page.locator('article.staff-panel').last().locator('ul.seats li').nth(2).waitFor();

  // Members score and decide; one member alone cannot decide.
  const title = `Trage wegen ${stamp}`;
  const decide = async (email, score, average) => {
    const m = await personPage();
    await uiLogin(m.page, email);
    await m.page.goto(`${BASE}${panelHref}`);
    await m.page.locator('form.score', { hasText: title }).getByLabel('Score (0–10)').fill(String(score));
    await m.page.locator('form.score', { hasText: title }).getByRole('button', { name: 'Score bewaren' }).click();
    await m.page.locator('table.results tr', { hasText: title }).filter({ hasText: average }).waitFor();
    const article = m.page.locator('article.panel-proposal', { hasText: title });
    await article.getByLabel('Waarom (publiek)').fill('Veilig naar school.');
    await article.getByRole('button', { name: /^Voor/ }).click();
    return m;
  };
  const first = await decide(members[0], 8, '8.0');
  const firstTally = first.page.locator('article.panel-proposal', { hasText: title }).locator('p.tally');
  await firstTally.filter({ hasText: '1 voor' }).waitFor({ timeout: 10_000 }).catch(async () => {
    assert.fail(`no tally after the first vote: ${await first.page.locator('section.panel-decide').innerText()} ${first.errors} ${first.calls.join('\n')}`);
  });
  assert.match(await firstTally.innerText(), /voorgesteld · 1 voor · 0 tegen · 3 zittende leden · quorum 2/);
  const second = await decide(members[1], 7, '7.5');
  await second.page.locator('article.panel-proposal', { hasText: title }).locator('p.tally', { hasText: /gekozen · 2 voor/ }).waitFor();
  // A member's page, with the score and decision forms.
  await assertAccessibleInBothLanguages(second.page, `${panelHref} (member)`);
  await visitor.page.goto(`${BASE}/staff/proposals?wijk=25`);
  for (const p of [admin, visitor, first, second]) {
    assert.deepEqual(unexpected(p.errors), []);
    await p.close();
  }
});

test('staff of a wijk set its contact in the web app; a visitor finds it on the wijk page, with a link to mail and to call', async () => {
  const stamp = Date.now();
  const lotte = `lotte-${stamp}@stad.example`;
  cliUser(lotte, PASSWORD, { role: 'wijk_staff', wijk: 21, name: 'Lotte' });
  const visitor = await personPage();
  const contact = visitor.page.locator('section.wijk-contact');
  await visitor.page.goto(`${BASE}/wijken/21`);
  await contact.getByText('Nog geen contact bekend voor deze wijk.').waitFor();

  const staff = await personPage();
  await uiLogin(staff.page, lotte);
  await staff.page.getByRole('link', { name: 'Medewerkers' }).click();
  await staff.page.locator('nav.staff-nav').getByRole('link', { name: 'Contact in de wijk' }).click();
  await staff.page.waitForURL('**/staff/contacts');
  // Her only wijk is chosen; a name alone is not enough: residents must be able to reach someone.
  await staff.page.getByLabel('Naam (persoon of team)').fill('Wijkregie Oostakker');
  await staff.page.getByRole('button', { name: 'Bewaren' }).click();
  await staff.page.getByRole('alert').filter({ hasText: 'geef een e-mailadres of een telefoonnummer' }).waitFor();
  await staff.page.getByLabel('E-mailadres').fill('wijkregie.oostakker@stad.example');
  await staff.page.getByLabel('Telefoonnummer').fill('+32 9 210 10 21');
  await staff.page.getByLabel('Wanneer en waar').fill('Donderdag 9–12 uur in het Open Huis');
  await staff.page.getByRole('button', { name: 'Bewaren' }).click();
  await staff.page.getByRole('status').filter({ hasText: 'Het contact is bewaard.' }).waitFor();
  await assertAccessibleInBothLanguages(staff.page, 'the contact form');

  await visitor.page.reload();
  await contact.getByText('Wijkregie Oostakker').waitFor();
  assert.equal(await contact.getByRole('link', { name: 'wijkregie.oostakker@stad.example' }).getAttribute('href'),
    'mailto:wijkregie.oostakker@stad.example');
  assert.equal(await contact.getByRole('link', { name: '+32 9 210 10 21' }).getAttribute('href'), 'tel:+3292101021');
  await contact.getByText('Donderdag 9–12 uur in het Open Huis').waitFor();

  // Removed again: the wijk page says there is none.
  await staff.page.reload();
  await staff.page.getByRole('button', { name: 'Verwijderen' }).click();
  await staff.page.getByRole('status').filter({ hasText: 'Het contact is verwijderd.' }).waitFor();
  await visitor.page.reload();
  await contact.getByText('Nog geen contact bekend voor deze wijk.').waitFor();
  assert.deepEqual(unexpected(visitor.errors), []);
  assert.deepEqual(unexpected(staff.errors), []);
  await visitor.close();
  await staff.close();
});
