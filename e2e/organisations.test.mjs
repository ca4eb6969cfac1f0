// Organisations in the web app (issue "self-service and administration"): a resident creates a
// vzw, invites a neighbour by e-mail, the neighbour accepts through the mailed link, and leaves
// again. Accounts come from the CLI; the mailed link is read from the outbox (no SMTP here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, cliUser, launchChromium, localInput, logIn, mailedLink } from './support.mjs';

const PASSWORD = 'een lange zin als wachtwoord';
let browser;

before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

const loggedIn = (email) => logIn(browser, email, PASSWORD);

test('a resident creates a vzw and invites a neighbour, who accepts through the mailed link and leaves again', async () => {
  const stamp = Date.now();
  const ownerEmail = `voorzitter-${stamp}@example.org`;
  const memberEmail = `buur-${stamp}@example.org`;
  cliUser(ownerEmail, PASSWORD, { name: 'Ilse' });
  cliUser(memberEmail, PASSWORD, { name: 'Youssef' });
  const name = `Buren van de Brugse Poort ${stamp}`;

  // The owner creates the organisation: a bad website is refused with the field's reason.
  const { page: owner, errors } = await loggedIn(ownerEmail);
  await owner.getByRole('link', { name: 'Mijn organisaties' }).click();
  await owner.getByText('Je bent nog geen lid van een organisatie.').waitFor();
  await owner.getByLabel('Naam', { exact: true }).fill(name);
  await owner.getByLabel('Soort').selectOption('vzw');
  await owner.getByLabel('Wijk', { exact: true }).selectOption('4');
  await owner.getByLabel('Wat doet de organisatie?').fill('Buurtfeesten en een moestuin op het plein.');
  await owner.getByLabel('Website (niet verplicht)').fill('brugse-poort');
  await owner.getByRole('button', { name: 'Organisatie aanmaken' }).click();
  // The browser's own URL check or the server's field error: either way nothing is created.
  await owner.getByLabel('Website (niet verplicht)').fill('https://buren.example');
  await owner.getByRole('button', { name: 'Organisatie aanmaken' }).click();
  await owner.waitForURL(/\/organisations\/[0-9a-f-]{36}$/);
  const orgUrl = owner.url();
  await owner.getByRole('heading', { level: 1, name }).waitFor();
  assert.match(await owner.locator('dl.facts').innerText(), /vzw[\s\S]*4[\s\S]*Erkend door de stad\s+nee/);
  assert.match(await owner.locator('ul.member-list').innerText(), /Ilse · eigenaar/);

  // The only owner cannot leave: the server's reason is shown.
  await owner.getByRole('button', { name: 'Organisatie verlaten' }).click();
  await owner.getByRole('alert').waitFor();

  // An invitation by e-mail.
  await owner.getByLabel('E-mailadres').fill(memberEmail);
  await owner.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await owner.getByRole('status').filter({ hasText: `Uitnodiging gemaild naar ${memberEmail}` }).waitFor();

  // The neighbour opens the mailed link, logged in, and accepts.
  const link = await mailedLink(memberEmail, 'organisation_invitation');
  assert.ok(link.startsWith(`${BASE}/invitations/accept?token=`), link);
  const { page: member, errors: memberErrors } = await loggedIn(memberEmail);
  await member.goto(link);
  await member.getByRole('button', { name: 'Uitnodiging aanvaarden' }).click();
  await member.getByRole('status').filter({ hasText: `Je bent nu lid van ${name}` }).waitFor();
  await member.getByRole('link', { name }).click();
  await member.waitForURL(orgUrl);
  await member.locator('ul.member-list li', { hasText: 'Youssef · lid' }).waitFor();
  assert.equal(await member.getByRole('button', { name: /^Verwijder/ }).count(), 0, 'a member removes nobody');
  await member.goto(`${BASE}/organisations`);
  await member.getByRole('link', { name }).waitFor();
  // The same link cannot be used twice.
  await member.goto(link);
  await member.getByRole('button', { name: 'Uitnodiging aanvaarden' }).click();
  await member.getByRole('alert').waitFor();

  // The owner sees the new member; the member leaves.
  await owner.reload();
  await owner.locator('ul.member-list li', { hasText: 'Youssef · lid' }).waitFor();
  await member.goto(orgUrl);
  await member.getByRole('button', { name: 'Organisatie verlaten' }).click();
  await member.getByRole('status').filter({ hasText: 'Je hebt de organisatie verlaten.' }).waitFor();
  await member.goto(`${BASE}/organisations`);
  await member.getByText('Je bent nog geen lid van een organisatie.').waitFor();
  await owner.reload();
  await owner.locator('ul.member-list li').first().waitFor();
  assert.equal(await owner.locator('ul.member-list li').count(), 1);
  assert.deepEqual([...errors, ...memberErrors], []);
  await owner.close();
  await member.close();
});

/** `d` as a datetime-local value in this machine's time zone (the browser's too). */

test('a vzw asks for recognition, staff of its wijk refuse once and then recognise it, and its next room request gets the reduced tariff', async () => {
  const stamp = Date.now();
  const ownerEmail = `secretaris-${stamp}@example.org`;
  const staffEmail = `wijkregie-4-${stamp}@stad.example`;
  const elsewhereEmail = `wijkregie-9-${stamp}@stad.example`;
  cliUser(ownerEmail, PASSWORD, { name: 'Hanne' });
  cliUser(staffEmail, PASSWORD, { role: 'wijk_staff', wijk: 4, name: 'Sam' });
  cliUser(elsewhereEmail, PASSWORD, { role: 'wijk_staff', wijk: 9, name: 'Lien' });
  const name = `Repair Café Brugse Poort ${stamp}`;

  const { page: owner, errors } = await loggedIn(ownerEmail);
  await owner.goto(`${BASE}/organisations`);
  await owner.getByLabel('Naam', { exact: true }).fill(name);
  await owner.getByLabel('Soort').selectOption('vzw');
  await owner.getByLabel('Wijk', { exact: true }).selectOption('4');
  await owner.getByRole('button', { name: 'Organisatie aanmaken' }).click();
  await owner.waitForURL(/\/organisations\/[0-9a-f-]{36}$/);
  const orgUrl = owner.url();

  // Not recognised yet: a room of De Koer costs the resident tariff on behalf of the vzw.
  const start = new Date(Date.now() + 40 * 86400000);
  start.setHours(19, 0, 0, 0);
  const priceFor = async () => {
    await owner.goto(`${BASE}/venues/de-koer`);
    await owner.getByLabel('Begin', { exact: true }).fill(localInput(start));
    await owner.getByLabel('Duur (uren)').fill('2');
    await owner.getByLabel('Namens').selectOption({ label: name });
    return owner.locator('p.price');
  };
  await (await priceFor()).filter({ hasText: '€ 20,00 (resident)' }).waitFor();

  // The owner asks, with a motivation.
  await owner.goto(orgUrl);
  await owner.getByLabel('Motivatie').fill('Elke eerste zaterdag herstellen vrijwilligers fietsen en toestellen van buren.');
  await owner.getByRole('button', { name: 'Erkenning aanvragen' }).click();
  await owner.locator('p.recognition-status', { hasText: 'een medewerker van de wijk beslist' }).waitFor();
  assert.equal(await owner.getByRole('button', { name: 'Erkenning aanvragen' }).count(), 0, 'one open request');

  // Staff of another wijk do not see it; staff of wijk 4 refuse once (a reason is needed), then recognise.
  const { page: elsewhere } = await loggedIn(elsewhereEmail);
  await elsewhere.goto(`${BASE}/staff/organisations`);
  await elsewhere.getByText('Geen aanvragen die op een beslissing wachten.').waitFor();
  await elsewhere.close();
  const { page: staff, errors: staffErrors } = await loggedIn(staffEmail);
  await staff.goto(`${BASE}/staff`);
  await staff.getByRole('link', { name: 'Erkenning van organisaties' }).click();
  const request = staff.locator('article.recognition-request', { hasText: name });
  await request.waitFor();
  assert.match(await request.innerText(), /vzw · wijk 4[\s\S]*herstellen vrijwilligers fietsen/);
  await request.getByRole('button', { name: 'Weigeren' }).click();
  await request.getByRole('alert').filter({ hasText: 'say why' }).waitFor();
  await request.getByLabel(/^Reden/).fill('Vermeld nog wie de vrijwilligers begeleidt.');
  await request.getByRole('button', { name: 'Weigeren' }).click();
  await staff.getByRole('status').filter({ hasText: `Geweigerd: ${name}` }).waitFor();

  await owner.reload();
  await owner.locator('p.recognition-status', { hasText: 'Vermeld nog wie de vrijwilligers begeleidt.' }).waitFor();
  await owner.getByLabel('Motivatie').fill('Twee vrijwilligers met een VCA-attest begeleiden elke sessie; 40 buren per maand.');
  await owner.getByRole('button', { name: 'Erkenning aanvragen' }).click();
  await owner.locator('p.recognition-status', { hasText: 'een medewerker van de wijk beslist' }).waitFor();

  await staff.reload();
  await request.getByRole('button', { name: 'Erkennen' }).click();
  await staff.getByRole('status').filter({ hasText: `Erkend: ${name}` }).waitFor();
  await staff.getByText('Geen aanvragen die op een beslissing wachten.').waitFor();

  // Recognised: the page says so, and the next request costs the reduced tariff.
  await owner.reload();
  await owner.locator('dd.recognition', { hasText: 'ja' }).waitFor();
  await (await priceFor()).filter({ hasText: '€ 10,00 (recognised)' }).waitFor();
  await owner.getByLabel('Aantal personen').fill('20');
  await owner.getByLabel('Waarvoor?').fill(`Repair café ${stamp}`);
  await owner.getByRole('button', { name: 'Aanvraag versturen' }).click();
  await owner.waitForSelector('form.booking-form p.success');
  await owner.goto(`${BASE}/bookings`);
  const booking = owner.locator('li.booking', { hasText: `Repair café ${stamp}` });
  await booking.waitFor();
  assert.match(await booking.innerText(), /€ 10,00/);

  // An administrator withdraws the recognition on the organisation's page.
  const { page: admin } = await logIn(browser, process.env.SAMENSTAD_E2E_ADMIN_EMAIL, process.env.SAMENSTAD_E2E_ADMIN_PASSWORD);
  await admin.goto(orgUrl);
  await admin.getByRole('button', { name: 'Erkenning intrekken' }).click();
  await admin.getByText('De erkenning is ingetrokken.').waitFor();
  await admin.locator('dd.recognition', { hasText: 'nee' }).waitFor();
  await admin.close();
  assert.deepEqual([...errors, ...staffErrors], []);
  await owner.close();
  await staff.close();
});
