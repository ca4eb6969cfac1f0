// Signals in the web app (issue "signals, advisory councils and terugkoppeling"): a resident
// reports litter at a point, a neighbour sees the open signal within 250 m and follows it
// instead, staff of the responsible service acknowledge, plan and close it with a reason, the
// resident reads the mailed link and reopens it. Accounts and the service role come from the CLI;
// the mails are read on the administrators' outbox page (no SMTP here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, cliUser, dayInput, launchChromium, logIn, mailedLink } from './support.mjs';

const PASSWORD = 'een lange zin als wachtwoord';
let browser;

before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

const loggedIn = (email) => logIn(browser, email, PASSWORD);

/** Fills the report form: litter in wijk `wijk` (4 unless said), at the centre of its map. */
async function describeLitter(page, wijk = '4') {
  await page.getByLabel('Wat is er aan de hand?').selectOption('litter');
  await page.getByLabel('Wijk', { exact: true }).selectOption(wijk);
  await page.locator('svg.point-picker').click();
}

test('a resident reports litter, a neighbour follows it instead, the service plans and closes it, and the resident reopens it from the mail', async () => {
  const stamp = Date.now();
  const reporterEmail = `melder-${stamp}@example.org`;
  const neighbourEmail = `buur-${stamp}@example.org`;
  const staffEmail = `ivago-${stamp}@example.org`;
  cliUser(reporterEmail, PASSWORD, { name: 'Fatima' });
  cliUser(neighbourEmail, PASSWORD, { name: 'Koen' });
  cliUser(staffEmail, PASSWORD, { role: 'service_staff', service: 'ivago', name: 'Ploeg IVAGO' });
  const description = `Vuilniszakken naast de glasbol (${stamp}).`;

  // The resident reports from the signals page.
  const { page: reporter, errors } = await loggedIn(reporterEmail);
  await reporter.getByRole('link', { name: 'Meldingen', exact: true }).click();
  await reporter.getByRole('link', { name: 'Iets melden' }).click();
  await describeLitter(reporter);
  await reporter.getByLabel('Beschrijving').fill(description);
  await reporter.getByRole('button', { name: 'Melden' }).click();
  await reporter.waitForURL(/\/signals\/[0-9a-f-]{36}$/);
  const signalUrl = reporter.url();
  const id = signalUrl.split('/').pop();
  await reporter.getByRole('heading', { level: 1, name: 'Zwerfvuil en sluikstort' }).waitFor();
  assert.equal(await reporter.locator('p.status').innerText(), 'gemeld');
  assert.match(await reporter.locator('dl.facts').innerText(), /IVAGO/);
  // A photo taken on a phone: its GPS position is in the file (the server removes it).
  const exif = Buffer.from('Exif\0\0MM\0*\0\0\0\x08GPSLatitude 51.0543N 3.7174E', 'binary');
  const jpeg = Buffer.concat([Buffer.from([0xFF, 0xD8, 0xFF, 0xE1, (exif.length + 2) >> 8, (exif.length + 2) & 0xFF]), exif,
    Buffer.from([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34, 0x56, 0xFF, 0xD9])]);
  await reporter.getByLabel(/Een foto toevoegen/).setInputFiles({ name: 'zakken.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await reporter.locator('img.signal-photo').waitFor();

  // A neighbour about to report the same sees it within 250 m and follows it instead.
  const { page: neighbour, errors: neighbourErrors } = await loggedIn(neighbourEmail);
  await neighbour.goto(`${BASE}/signals/new`);
  await describeLitter(neighbour);
  const hint = neighbour.locator('section.nearby li', { hasText: description.slice(0, 40) });
  await hint.waitFor();
  await hint.getByRole('button', { name: 'Volgen' }).click();
  await neighbour.getByRole('status').filter({ hasText: 'Je volgt deze melding nu.' }).waitFor();

  // The service finds it in its queue and takes its steps, each with a public reason.
  const { page: staff, errors: staffErrors } = await loggedIn(staffEmail);
  await staff.getByRole('link', { name: 'Medewerkers' }).click();
  await staff.getByRole('link', { name: 'Meldingen van mijn dienst' }).click();
  await staff.locator('section.queue', { hasText: 'IVAGO' }).locator(`a[href="/signals/${id}"]`).click();
  await staff.waitForURL(signalUrl);
  assert.match(await staff.locator('p.reporter').innerText(), new RegExp(reporterEmail));
  await staff.getByLabel('Uitleg voor wie meldde (publiek)').fill('We hebben je melding gezien.');
  await staff.getByRole('button', { name: 'Opslaan' }).click();
  await staff.getByRole('status').filter({ hasText: 'Opgeslagen: bekeken door de dienst' }).waitFor();
  await staff.getByLabel('Stap', { exact: true }).selectOption('plan');
  await staff.getByLabel('Gepland op').fill(dayInput(2));
  await staff.getByLabel('Uitleg voor wie meldde (publiek)').fill('De ploeg komt langs bij de volgende ronde.');
  await staff.getByRole('button', { name: 'Opslaan' }).click();
  await staff.getByRole('status').filter({ hasText: 'Opgeslagen: ingepland' }).waitFor();
  await staff.getByLabel('Stap', { exact: true }).selectOption('close');
  await staff.getByLabel('Hoe', { exact: true }).selectOption('fixed');
  await staff.getByLabel('Uitleg voor wie meldde (publiek)').fill('Opgeruimd op maandagochtend.');
  await staff.getByRole('button', { name: 'Opslaan' }).click();
  await staff.getByRole('status').filter({ hasText: 'Opgeslagen: afgesloten: opgelost' }).waitFor();

  // The service edits a detail out of the description, with a public reason.
  await staff.getByText('Modereren').click();
  await staff.getByLabel('Beschrijving (haal persoonsgegevens weg)').fill(`Vuilniszakken naast de glasbol (${stamp}), nummerplaat weggelaten.`);
  await staff.getByLabel('Wat en waarom (publiek)').fill('Een nummerplaat verwijderd.');
  await staff.getByRole('button', { name: 'Aanpassen' }).click();
  await staff.getByRole('status').filter({ hasText: 'Aangepast.' }).waitFor();
  await staff.locator('section.history li', { hasText: 'Een nummerplaat verwijderd.' }).waitFor();

  // Both the reporter and the follower are mailed; the reporter reopens from the link.
  const neighbourLink = await mailedLink(neighbourEmail, 'signal_changed');
  assert.equal(neighbourLink, `${BASE}/signals/${id}`);
  const link = await mailedLink(reporterEmail, 'signal_changed');
  assert.equal(link, `${BASE}/signals/${id}`);
  await reporter.goto(link);
  assert.equal(await reporter.locator('p.status').innerText(), 'afgesloten: opgelost');
  assert.match(await reporter.locator('section.history').innerText(), /Opgeruimd op maandagochtend\./);
  await reporter.getByLabel('Waarom open je de melding opnieuw?').fill('De zakken liggen er nog altijd.');
  await reporter.getByRole('button', { name: 'Opnieuw openen' }).click();
  await reporter.getByRole('status').filter({ hasText: 'De melding is opnieuw geopend.' }).waitFor();
  await reporter.locator('p.status', { hasText: 'gemeld' }).waitFor();
  assert.match(await reporter.locator('section.history').innerText(), /De zakken liggen er nog altijd\.[\s\S]*$/);

  // The public list shows it, without the reporter's name.
  await reporter.goto(`${BASE}/signals`);
  await reporter.locator(`a[href="/signals/${id}"]`).waitFor();
  assert.doesNotMatch(await reporter.locator('main').innerText(), /Fatima/);
  assert.deepEqual([...errors, ...neighbourErrors, ...staffErrors], []);
  await reporter.close();
  await neighbour.close();
  await staff.close();
});

test('an administrator sends litter in one wijk to another service, and the next report there goes to that service', async () => {
  const stamp = Date.now();
  const residentEmail = `bewoner-${stamp}@example.org`;
  cliUser(residentEmail, PASSWORD, { name: 'Nora' });
  const { page: admin, errors } = await logIn(browser, process.env.SAMENSTAD_E2E_ADMIN_EMAIL, process.env.SAMENSTAD_E2E_ADMIN_PASSWORD);
  await admin.getByRole('link', { name: 'Beheer', exact: true }).click();
  await admin.getByRole('link', { name: 'Meldingen: wie behandelt wat' }).click();
  await admin.locator('table.signal-routes tr', { hasText: 'Zwerfvuil en sluikstort' }).filter({ hasText: 'IVAGO' }).waitFor();
  await admin.getByLabel('Soort melding').selectOption('litter');
  await admin.getByLabel('Wijk', { exact: true }).selectOption('7');
  await admin.getByLabel('Dienst', { exact: true }).selectOption('wegen');
  await admin.getByRole('button', { name: 'Bewaren' }).click();
  await admin.getByRole('status').filter({ hasText: 'De lijn is bewaard.' }).waitFor();
  await admin.locator('table.signal-routes tr', { hasText: 'Wegen, Bruggen en Waterlopen' }).filter({ hasText: 'Zwerfvuil en sluikstort' }).waitFor();

  const { page: resident, errors: residentErrors } = await loggedIn(residentEmail);
  await resident.goto(`${BASE}/signals/new`);
  await describeLitter(resident, '7');
  await resident.getByLabel('Beschrijving').fill(`Een omgevallen vuilnisbak (${stamp}).`);
  await resident.getByRole('button', { name: 'Melden' }).click();
  await resident.waitForURL(/\/signals\/[0-9a-f-]{36}$/);
  assert.match(await resident.locator('dl.facts').innerText(), /Wegen, Bruggen en Waterlopen/);
  assert.deepEqual([...errors, ...residentErrors], []);
  await admin.close();
  await resident.close();
});

test('a resident finds the place by its address or their location, and staff enter a signal received by phone', async () => {
  const stamp = Date.now();
  const residentEmail = `adres-${stamp}@example.org`;
  const staffEmail = `gentinfo-${stamp}@example.org`;
  cliUser(residentEmail, PASSWORD, { name: 'Lien' });
  cliUser(staffEmail, PASSWORD, { role: 'service_staff', service: 'ivago', name: 'Onthaal' });

  // By address: typing part of the street and the number offers the register's address.
  const { page: resident, errors } = await loggedIn(residentEmail);
  await resident.goto(`${BASE}/signals/new`);
  await resident.getByLabel('Wat is er aan de hand?').selectOption('litter');
  // Typed key by key: the register is asked once typing pauses, not at every key.
  const searches = [];
  resident.on('request', (r) => { if (r.url().includes('/api/v1/addresses')) searches.push(r.url()); });
  await resident.getByLabel('Adres (zoek terwijl je typt)').pressSequentially('driesstr 99', { delay: 40 });
  await resident.getByRole('button', { name: 'Driesstraat 99, 9050 Gent' }).click();
  assert.ok(searches.length <= 2, `${searches.length} searches for 11 keys: ${searches}`);
  await resident.locator('p.place', { hasText: 'Driesstraat 99, 9050 Gent' }).waitFor();
  assert.notEqual(await resident.getByLabel('Wijk', { exact: true }).inputValue(), '', 'the wijk follows from the address');
  await resident.getByLabel('Beschrijving').fill(`Een kapotte zetel op de stoep (${stamp}).`);
  await resident.getByRole('button', { name: 'Melden' }).click();
  await resident.waitForURL(/\/signals\/[0-9a-f-]{36}$/);
  assert.match(await resident.locator('dl.facts').innerText(), /Driesstraat 99, 9050 Gent/);

  // By the browser's position: the wijk and the point follow.
  await resident.context().grantPermissions(['geolocation'], { origin: BASE });
  await resident.context().setGeolocation({ latitude: 51.0625, longitude: 3.7125 });
  await resident.goto(`${BASE}/signals/new`);
  await resident.getByRole('button', { name: 'Gebruik mijn locatie' }).click();
  await resident.locator('p.place', { hasText: '51.06250, 3.71250' }).waitFor();
  assert.equal(await resident.getByLabel('Wijk', { exact: true }).inputValue(), '7', 'Rabot-Blaisantvest');

  // Staff enter a signal phoned in, with the caller's name and number (not public).
  const { page: staff, errors: staffErrors } = await loggedIn(staffEmail);
  await staff.goto(`${BASE}/staff/signals`);
  await staff.getByRole('link', { name: /Een melding ingeven/ }).click();
  await staff.getByLabel('Hoe kwam de melding binnen?').selectOption('phone');
  await staff.getByLabel('Naam van de melder').fill('Mevrouw De Smet');
  await staff.getByLabel('Telefoon of e-mail van de melder (niet openbaar)').fill('09 123 45 67');
  await staff.getByLabel('Wat is er aan de hand?').selectOption('litter');
  await staff.getByLabel('Adres (zoek terwijl je typt)').fill('halvemaan');
  await staff.getByRole('button', { name: 'Halvemaanstraat 92, 9040 Gent' }).click();
  await staff.locator('p.place', { hasText: 'Halvemaanstraat 92' }).waitFor();
  await staff.getByLabel('Beschrijving').fill(`Sluikstort aan de ingang van het park (${stamp}).`);
  await staff.getByRole('button', { name: 'Melden' }).click();
  await staff.waitForURL(/\/signals\/[0-9a-f-]{36}$/);
  assert.match(await staff.locator('dl.facts').innerText(), /telefonisch/);
  assert.match(await staff.locator('p.reporter').innerText(), /Mevrouw De Smet[\s\S]*09 123 45 67/);
  await resident.goto(staff.url());
  await resident.locator('dl.facts').waitFor();
  assert.doesNotMatch(await resident.locator('main').innerText(), /De Smet|09 123 45 67/);
  assert.deepEqual([...errors, ...staffErrors], []);
  await resident.close();
  await staff.close();
});
