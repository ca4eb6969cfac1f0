// Subsidy programme administration in the web app (issue "self-service and administration",
// item 5): programme staff edit a scheme's rules with the live check, set a year's budget and
// add a jury deadline. The e2e administrator is programme staff too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, dayInput, launchChromium, logIn } from './support.mjs';

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

test('programme staff edit a scheme with the live rules check, set its budget and add a jury deadline', async () => {
  const { page, errors } = await logIn(browser, process.env.SAMENSTAD_E2E_ADMIN_EMAIL, process.env.SAMENSTAD_E2E_ADMIN_PASSWORD);
  await page.goto(`${BASE}/subsidies`);
  await page.getByRole('link', { name: 'Regelingen' }).click();
  await page.getByRole('link', { name: 'Fonds Tijdelijke Invullingen' }).click();
  await page.waitForURL('**/subsidies/schemes/fonds-tijdelijke-invullingen');
  const rules = page.getByLabel(/^Regels \(JSON/);
  await page.getByText('De regels kloppen.').waitFor();

  // A review mode the rules do not know is named as the rules are typed, and cannot be saved.
  const good = await rules.inputValue();
  assert.match(good, /"review": "(automatic|jury)"/);
  await rules.fill(good.replace(/"review": "(automatic|jury)"/, '"review": "misschien"'));
  await page.locator('ul.rule-problems li', { hasText: 'rules.categories[0].review: must be automatic or jury' }).waitFor();
  await rules.fill(good.replace('"themes": [', '"themes": [,'));
  await page.locator('ul.rule-problems li', { hasText: /^JSON, line \d+ column \d+/ }).waitFor();
  await page.getByRole('button', { name: 'Regeling bewaren' }).click();
  await page.getByText('Verbeter eerst de regels.').waitFor();
  await rules.fill(good);
  await page.getByText('De regels kloppen.').waitFor();
  await page.getByLabel('Doel').fill('Voor wie leegstaande plekken tijdelijk invult: terreinen, gebouwen, pleinen.');
  await page.getByRole('button', { name: 'Regeling bewaren' }).click();
  await page.getByText('De regeling is bewaard.').waitFor();

  // A budget for next year.
  const year = new Date().getFullYear() + 1;
  await page.getByLabel('Jaar', { exact: true }).fill(String(year));
  await page.getByLabel(/^Budget \(€/).fill('345.000');
  await page.getByRole('button', { name: 'Budget bewaren' }).click();
  await page.locator('section.scheme-budgets li', { hasText: `${year}: € 345.000` }).waitFor();

  // A jury deadline, once: the same day again is refused.
  const day = dayInput(120);
  await page.getByLabel('Nieuwe deadline (laatste dag om in te dienen)').fill(day);
  await page.getByRole('button', { name: 'Deadline toevoegen' }).click();
  await page.locator('section.scheme-deadlines li', { hasText: day }).waitFor();
  await page.getByLabel('Nieuwe deadline (laatste dag om in te dienen)').fill(day);
  await page.getByRole('button', { name: 'Deadline toevoegen' }).click();
  await page.locator('section.scheme-deadlines p.error').waitFor();
  assert.equal(await page.locator('section.scheme-deadlines li', { hasText: day }).count(), 1);

  // The saved purpose is what everyone reads.
  await page.reload();
  assert.equal(await page.getByLabel('Doel').inputValue(), 'Voor wie leegstaande plekken tijdelijk invult: terreinen, gebouwen, pleinen.');
  assert.deepEqual(errors, []);
  await page.close();
});
