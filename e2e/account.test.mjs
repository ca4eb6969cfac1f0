// The account page (issue "self-service and administration"): a resident changes their name
// and language, downloads their data, changes the password (and logs in again with it), and
// erases the account. The account comes from the CLI; everything else happens in the web app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BASE, cliUser, launchChromium } from './support.mjs';

const PASSWORD = 'een lange zin als wachtwoord';
const NEW_PASSWORD = 'een nog langere zin als wachtwoord';
let browser;

before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

async function logIn(page, email, password) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

test('a resident changes name and language, downloads their data, changes the password and erases the account', async () => {
  const email = `nadia-${Date.now()}@example.org`;
  cliUser(email, PASSWORD, { name: 'Nadia' });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, email, PASSWORD);
  await page.waitForURL('**/account');

  // Name and the language of the mails.
  const profile = page.locator('form.profile');
  await profile.getByLabel('Naam', { exact: true }).fill('Nadia B.');
  await profile.getByLabel('Taal van de e-mails').selectOption('en');
  await profile.getByRole('button', { name: 'Gegevens bewaren' }).click();
  await profile.getByRole('status').filter({ hasText: 'Je gegevens zijn bewaard.' }).waitFor();
  await page.locator('a.account-link', { hasText: 'Nadia B.' }).waitFor();

  // Everything Samenstad keeps, as one file.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Mijn gegevens downloaden' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'samenstad-export.json');
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.account.email, email);
  assert.equal(exported.account.display_name, 'Nadia B.');
  assert.equal(exported.account.preferred_language, 'en');
  assert.ok(Array.isArray(exported.sessions) && exported.sessions.length >= 1, 'the sessions are in it');

  // A wrong current password is refused; the right one ends every session.
  const change = page.locator('form.password-change');
  await change.getByLabel('Huidig wachtwoord').fill('niet mijn wachtwoord');
  await change.getByLabel('Nieuw wachtwoord').fill(NEW_PASSWORD);
  await change.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await change.getByRole('alert').waitFor();
  await change.getByLabel('Huidig wachtwoord').fill(PASSWORD);
  await change.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await page.waitForURL('**/login?changed=1');
  await page.getByRole('status').filter({ hasText: 'Je wachtwoord is gewijzigd.' }).waitFor();
  await logIn(page, email, PASSWORD);
  await page.getByRole('alert').waitFor();
  await logIn(page, email, NEW_PASSWORD);
  await page.waitForURL('**/account');

  // Erasing needs the password and says what stays.
  const erase = page.locator('form.erase');
  assert.match(await erase.innerText(), /Blijven, zonder je naam/);
  await erase.getByLabel('Je wachtwoord, ter bevestiging').fill(PASSWORD);
  await erase.getByRole('button', { name: 'Account definitief verwijderen' }).click();
  await erase.getByRole('alert').waitFor();
  await erase.getByLabel('Je wachtwoord, ter bevestiging').fill(NEW_PASSWORD);
  await erase.getByRole('button', { name: 'Account definitief verwijderen' }).click();
  await page.waitForURL(`${BASE}/?erased=1`);
  await page.locator('a.account-link', { hasText: 'Inloggen' }).waitFor();
  await logIn(page, email, NEW_PASSWORD);
  await page.getByRole('alert').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a resident logged in on two devices signs out everywhere else from the account page', async () => {
  const email = `twee-toestellen-${Date.now()}@example.org`;
  cliUser(email, PASSWORD, { name: 'Wout' });
  const devices = [];
  for (const _ of [1, 2]) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await logIn(page, email, PASSWORD);
    await page.waitForURL('**/account');
    devices.push(page);
  }
  const [laptop, phone] = devices;
  await laptop.reload();
  const list = laptop.locator('ul.session-list li');
  await list.nth(1).waitFor();
  assert.equal(await list.count(), 2);
  assert.equal(await list.filter({ hasText: 'dit toestel' }).count(), 1);
  await laptop.getByRole('button', { name: 'Overal elders afmelden' }).click();
  await laptop.getByText('Afgemeld op andere toestellen: 1').waitFor();
  // The message comes before the list is read again: wait for the other session's line to go.
  await list.nth(1).waitFor({ state: 'detached' });
  assert.equal(await list.count(), 1);

  // The phone cannot renew its session: after a reload it is logged out.
  await phone.reload();
  await phone.getByRole('link', { name: 'Inloggen' }).first().waitFor();
  // The laptop stays logged in.
  await laptop.reload();
  await laptop.locator('ul.session-list li', { hasText: 'dit toestel' }).waitFor();
  for (const p of devices) await p.context().close();
});
