// A venue's upkeep in the web app (issue "self-service and administration", item 3): its
// manager keeps the details, adds a room with tariffs and a holiday closure; a resident's
// request inside the closure is refused with the reason, one outside it goes through; two tabs
// changing the venue at once do not overwrite each other. Accounts come from the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, cliUser, dayInput, launchChromium, localInput, logIn } from './support.mjs';

const PASSWORD = 'een lange zin als wachtwoord';
const VENUE = 'buurtcentrum-macharius';
let browser;

before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

test('a venue manager adds a room with a tariff and a holiday closure, and a request inside the closure is refused with the reason', async () => {
  const stamp = Date.now();
  const managerEmail = `beheer-${stamp}@example.org`;
  const residentEmail = `buur-${stamp}@example.org`;
  cliUser(managerEmail, PASSWORD, { role: 'venue_manager', venue: VENUE, name: 'Hanne' });
  cliUser(residentEmail, PASSWORD, { name: 'Lotte' });
  const room = `Zaal ${stamp}`;

  const { page: manager, errors } = await logIn(browser, managerEmail, PASSWORD);
  await manager.goto(`${BASE}/venues/${VENUE}`);
  await manager.getByRole('link', { name: 'Deze plaats beheren' }).click();
  await manager.waitForURL(`**/venues/${VENUE}/manage`);
  await manager.getByRole('heading', { level: 2, name: 'Gegevens' }).waitFor();

  // The details: bad lead times are refused with the field's reason, good ones are kept.
  await manager.getByLabel('Minstens zoveel dagen vooraf reserveren').fill('30');
  await manager.getByLabel('Hoogstens zoveel dagen vooraf').fill('20');
  await manager.getByRole('button', { name: 'Gegevens bewaren' }).click();
  await manager.locator('form.venue-details p.error', { hasText: 'lead_time_max_days' }).waitFor();
  await manager.getByLabel('Minstens zoveel dagen vooraf reserveren').fill('14');
  await manager.getByLabel('Hoogstens zoveel dagen vooraf').fill('180');
  await manager.getByLabel('Telefoon').fill('+32 9 266 00 00');
  await manager.getByRole('button', { name: 'Gegevens bewaren' }).click();
  await manager.getByText('De gegevens zijn bewaard.').waitFor();

  // A room with its tariffs.
  await manager.getByLabel('Naam van de zaal').fill(room);
  await manager.getByLabel('Hoeveel personen').fill('25');
  await manager.getByLabel('feest', { exact: true }).check();
  await manager.getByLabel('Tarief erkende vereniging (€ per uur)').fill('8');
  await manager.getByLabel('Tarief bewoners (€ per uur)').fill('12,50');
  await manager.getByLabel('Tarief privé (€ per uur)').fill('30');
  await manager.getByRole('button', { name: 'Zaal toevoegen' }).click();
  await manager.getByText('De zaal is toegevoegd.').waitFor();
  const row = manager.locator('ul.room-list li', { hasText: room });
  assert.match(await row.innerText(), /25 personen · erkend € 8,00 · bewoners € 12,50 · privé € 30,00 per uur/);

  // A holiday closure from day 40 to day 46.
  await manager.getByLabel('Eerste dag dicht').fill(dayInput(40));
  await manager.getByLabel('Laatste dag dicht').fill(dayInput(46));
  await manager.getByLabel('Reden (die zien wie willen reserveren)').fill(`Kerstvakantie ${stamp}`);
  await manager.getByRole('button', { name: 'Sluiting toevoegen' }).click();
  await manager.locator('section.venue-closures li', { hasText: `Kerstvakantie ${stamp}` }).waitFor();

  // Two tabs: the second one's change of an older version is refused, nothing is overwritten.
  const { page: second } = await logIn(browser, managerEmail, PASSWORD);
  await second.goto(`${BASE}/venues/${VENUE}/manage`);
  await second.getByLabel('Telefoon').waitFor();
  await manager.getByLabel('E-mailadres', { exact: true }).fill(`macharius-${stamp}@example.org`);
  await manager.getByRole('button', { name: 'Gegevens bewaren' }).click();
  await manager.getByText('De gegevens zijn bewaard.').waitFor();
  await second.getByLabel('Telefoon').fill('+32 9 999 99 99');
  await second.getByRole('button', { name: 'Gegevens bewaren' }).click();
  await second.locator('form.venue-details p.error', { hasText: 'changed this venue meanwhile' }).waitFor();
  await second.getByRole('button', { name: 'Laad de plaats opnieuw' }).click();
  await second.close();

  // The resident sees the closure; a request inside it is refused with the reason.
  const { page: resident, errors: residentErrors } = await logIn(browser, residentEmail, PASSWORD);
  await resident.goto(`${BASE}/venues/${VENUE}`);
  await resident.locator('ul.closures li', { hasText: `Kerstvakantie ${stamp}` }).waitFor();
  assert.equal(await resident.getByRole('link', { name: 'Deze plaats beheren' }).count(), 0);
  const card = resident.locator('section.room', { has: resident.getByRole('heading', { name: room }) });
  const request = async (days, purpose) => {
    const start = new Date(Date.now() + days * 86400000);
    start.setHours(19, 0, 0, 0);
    await card.getByLabel('Begin', { exact: true }).fill(localInput(start));
    await card.getByLabel('Duur (uren)').fill('2');
    await card.getByLabel('Aantal personen').fill('20');
    await card.getByLabel('Waarvoor?').fill(purpose);
    await card.locator('p.price', { hasText: '€ 25,00' }).waitFor();
    await card.getByRole('button', { name: 'Aanvraag versturen' }).click();
  };
  await request(42, `Buurtfeest ${stamp}`);
  await card.locator('p.error', { hasText: `Kerstvakantie ${stamp}` }).waitFor();
  await request(50, `Buurtfeest ${stamp}`);
  await card.locator('p.success').waitFor();
  await resident.goto(`${BASE}/bookings`);
  await resident.locator('li.booking', { hasText: `Buurtfeest ${stamp}` }).waitFor();
  assert.equal(await resident.locator('li.booking', { hasText: `Buurtfeest ${stamp}` }).count(), 1, 'only the request outside the closure');

  // A weekly series outside the closure reaches the manager's inbox as one item, approved at once.
  await resident.goto(`${BASE}/venues/${VENUE}`);
  const start = new Date(Date.now() + 57 * 86400000);
  start.setHours(10, 0, 0, 0);
  await card.getByLabel('Begin', { exact: true }).fill(localInput(start));
  await card.getByLabel('Duur (uren)').fill('2');
  await card.getByLabel('Aantal personen').fill('12');
  await card.getByLabel('Herhalen').selectOption('weekly');
  await card.getByLabel('Tot en met').fill(dayInput(78));
  await card.getByLabel('Waarvoor?').fill(`Naaiatelier ${stamp}`);
  await card.getByRole('button', { name: 'Aanvraag versturen' }).click();
  await card.locator('p.success').waitFor();
  await manager.goto(`${BASE}/manage`);
  const series = manager.locator('li.series', { hasText: `Naaiatelier ${stamp}` });
  await series.waitFor();
  assert.match(await series.innerText(), /reeks van [34] aanvragen/);
  await series.getByRole('button', { name: 'Goedkeuren' }).click();
  await series.waitFor({ state: 'detached' });
  await resident.goto(`${BASE}/bookings`);
  const occurrences = resident.locator('li.booking', { hasText: `Naaiatelier ${stamp}` });
  await occurrences.first().waitFor();
  const texts = await occurrences.allInnerTexts();
  assert.ok(texts.length >= 3 && texts.every((t) => t.includes('goedgekeurd')), texts.join('\n'));
  // The resident cancels the whole series at once.
  await occurrences.first().getByRole('button', { name: 'Hele reeks annuleren' }).click();
  await resident.waitForFunction((purpose) => [...document.querySelectorAll('li.booking')]
    .filter((li) => li.textContent.includes(purpose))
    .every((li) => li.textContent.includes('geannuleerd')), `Naaiatelier ${stamp}`);

  // A resident proposes a better description; staff of the wijk accept it on their queue.
  await resident.goto(`${BASE}/venues/${VENUE}`);
  await resident.getByText('Klopt er iets niet? Stel een wijziging voor').click();
  await resident.getByLabel('Beschrijving', { exact: true }).fill(`Buurtcentrum met een zaal voor 25 (${stamp}).`);
  await resident.getByLabel('Waarom? (voor de medewerkers)').fill('De oude beschrijving noemt de nieuwe zaal niet.');
  await resident.getByRole('button', { name: 'Voorstel versturen' }).click();
  await resident.getByText('Bedankt: een medewerker van de wijk bekijkt je voorstel.').waitFor();
  const { page: staff } = await logIn(browser, process.env.SAMENSTAD_E2E_ADMIN_EMAIL, process.env.SAMENSTAD_E2E_ADMIN_PASSWORD);
  await staff.goto(`${BASE}/staff`);
  await staff.getByRole('link', { name: 'Wijzigingen aan plaatsen' }).click();
  const proposal = staff.locator('article.venue-change', { hasText: 'De oude beschrijving noemt de nieuwe zaal niet.' });
  await proposal.getByRole('button', { name: 'Aanvaarden' }).click();
  await staff.getByRole('status').filter({ hasText: 'Aanvaard en toegepast' }).waitFor();
  await staff.close();
  await resident.goto(`${BASE}/venues/${VENUE}`);
  await resident.getByText(`Buurtcentrum met een zaal voor 25 (${stamp}).`).waitFor();

  // Someone without the role is told the page is not for them.
  await resident.goto(`${BASE}/venues/${VENUE}/manage`);
  await resident.getByText('Alleen de beheerders van deze plaats').waitFor();
  assert.deepEqual([...errors, ...residentErrors], []);
  await manager.close();
  await resident.close();
});
