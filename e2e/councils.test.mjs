// Advisory councils in the web app (issue "signals, advisory councils and terugkoppeling"): a
// city service publishes an advice request to two councils, the Jeugdraad's secretary publishes
// its advice, the city records what it does with it and why, and everyone reads the whole story on
// the public pages. Accounts and roles come from the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, assertAccessibleInBothLanguages, cliUser, dayInput, launchChromium, logIn } from './support.mjs';

const PASSWORD = 'een lange zin als wachtwoord';
let browser;

before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

test('a service asks two councils for advice, the Jeugdraad answers, the city responds with its reason, all on the public pages', async () => {
  const stamp = Date.now();
  const serviceEmail = `beleid-${stamp}@example.org`;
  const secretaryEmail = `jeugdraad-${stamp}@example.org`;
  cliUser(serviceEmail, PASSWORD, { role: 'service_staff', service: 'ivago', name: 'Dienst Beleid' });
  cliUser(secretaryEmail, PASSWORD, { role: 'council_staff', council: 'jeugdraad', name: 'Secretaris Jeugdraad' });
  const subject = `Speelpleinen in de wijken (${stamp})`;

  // The service publishes the request from the councils page.
  const { page: service, errors } = await logIn(browser, serviceEmail, PASSWORD);
  await service.goto(`${BASE}/councils`);
  await service.getByRole('link', { name: 'Advies vragen' }).click();
  await service.getByLabel('Onderwerp').fill(subject);
  await service.getByLabel('Wat vraagt de stad?').fill('Waar ontbreken speelpleinen, en wat vraagt dat van de wijk?');
  await service.getByLabel('Wie vraagt het (dienst, college, gemeenteraad)?').fill('Dienst Jeugd');
  await service.getByLabel('Links naar de documenten (één per regel)').fill('https://stad.gent/speelpleinen.pdf');
  await service.getByLabel('Deadline (minstens een week)').fill(dayInput(21));
  await service.getByLabel('Jeugdraad').check();
  await service.getByLabel('Stedelijke Seniorenraad').check();
  await service.getByRole('button', { name: 'Adviesvraag publiceren' }).click();
  await service.waitForURL(/\/advice\/[0-9a-f-]{36}$/);
  const requestUrl = service.url();
  await service.getByRole('heading', { level: 1, name: subject }).waitFor();
  assert.equal(await service.locator('dd.status').innerText(), 'open');

  // Published beforehand: anyone finds it on the council's page.
  const visitor = await browser.newPage();
  await visitor.goto(`${BASE}/councils/jeugdraad`);
  await visitor.getByRole('link', { name: subject }).click();
  await visitor.waitForURL(requestUrl);
  assert.match(await visitor.locator('li.advice[data-council="jeugdraad"]').innerText(), /Nog geen advies\./);

  // The Jeugdraad's secretary publishes its advice.
  const { page: secretary, errors: secretaryErrors } = await logIn(browser, secretaryEmail, PASSWORD);
  await secretary.goto(requestUrl);
  const jeugd = secretary.locator('li.advice[data-council="jeugdraad"]');
  await jeugd.getByLabel('Het advies van de raad').fill('Er ontbreken speelpleinen in Rabot en Sluizeken; betrek de jongeren bij het ontwerp.');
  const pdf = Buffer.from('%PDF-1.4\n% Advies van de Jeugdraad over speelpleinen\n%%EOF\n');
  await jeugd.getByLabel(/Of het advies als PDF/).setInputFiles({ name: 'advies-jeugdraad.pdf', mimeType: 'application/pdf', buffer: pdf });
  await jeugd.getByRole('button', { name: 'Advies publiceren' }).click();
  await secretary.getByRole('status').filter({ hasText: 'Het advies is gepubliceerd.' }).waitFor();
  assert.equal(await secretary.locator('li.advice[data-council="seniorenraad"] form').count(), 0, 'not the other council');

  // The city records what it does with it, and why.
  await service.reload();
  const answer = service.locator('li.advice[data-council="jeugdraad"]');
  await answer.getByLabel('Wat doet de stad met dit advies?').selectOption('partly_followed');
  await answer.getByLabel('Waarom (publiek)').fill('Rabot krijgt een speelplein in 2027; voor Sluizeken zoeken we nog een plaats.');
  await answer.getByRole('button', { name: 'Antwoord bewaren' }).click();
  await service.getByRole('status').filter({ hasText: 'Het antwoord van de stad is bewaard.' }).waitFor();

  // The public page tells the whole story.
  await visitor.reload();
  const story = await visitor.locator('li.advice[data-council="jeugdraad"]').innerText();
  assert.match(story, /betrek de jongeren bij het ontwerp/);
  assert.match(story, /gedeeltelijk gevolgd/);
  assert.match(story, /voor Sluizeken zoeken we nog een plaats/);
  await assertAccessibleInBothLanguages(visitor, new URL(requestUrl).pathname);
  // The attached PDF is kept by Samenstad and anyone downloads it.
  const documentLink = visitor.locator('li.advice[data-council="jeugdraad"]').getByRole('link', { name: 'Het advies als document' });
  const href = await documentLink.getAttribute('href');
  assert.match(href, /\/api\/v1\/files\/[0-9a-f-]{36}$/);
  const download = await visitor.request.get(href);
  assert.equal(download.headers()['content-type'], 'application/pdf');
  assert.equal((await download.body()).toString(), pdf.toString());
  assert.deepEqual([...errors, ...secretaryErrors], []);
  await service.close();
  await secretary.close();
  await visitor.close();
});
