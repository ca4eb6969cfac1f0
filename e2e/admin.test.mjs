// The administration console (issue "self-service and administration", item 6): an
// administrator finds an account and makes it jury member of Samen aan Zet with the scope
// picker, after which the person sees the jury page; API clients show their secret once; the
// audit log filters and downloads as CSV. Accounts come from the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, cliUser, launchChromium, logIn } from './support.mjs';

const PASSWORD = 'een lange zin als wachtwoord';
const ADMIN = [process.env.SAMENSTAD_E2E_ADMIN_EMAIL, process.env.SAMENSTAD_E2E_ADMIN_PASSWORD];
let browser;

before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

test('an admin makes someone jury member of Samen aan Zet, who then sees the jury page; the audit log shows and downloads it', async () => {
  const stamp = Date.now();
  const email = `jurylid-${stamp}@example.org`;
  cliUser(email, PASSWORD, { name: `Jurylid ${stamp}` });

  const { page: person, errors: personErrors } = await logIn(browser, email, PASSWORD);
  await person.goto(`${BASE}/subsidies/jury`);
  await person.getByText('Deze pagina is er niet voor jouw rol.').waitFor();
  await person.goto(`${BASE}/admin`);
  await person.getByText('Deze pagina is voor beheerders.').waitFor();

  const { page: admin, errors } = await logIn(browser, ...ADMIN);
  await admin.getByRole('link', { name: 'Beheer', exact: true }).click();
  await admin.getByRole('heading', { level: 1, name: 'Accounts en rollen' }).waitFor();
  await admin.getByLabel('E-mailadres van het account').fill(email);
  await admin.getByRole('button', { name: 'Zoeken' }).click();
  await admin.getByText('Geen rollen: een bewoner.').waitFor();
  await admin.getByLabel('Rol').selectOption({ label: 'jurylid' });
  await admin.getByLabel('Subsidieregeling').selectOption({ label: 'Samen aan Zet' });
  await admin.getByRole('button', { name: 'Toekennen' }).click();
  await admin.getByText('Toegekend: jurylid').waitFor();
  await admin.locator('ul.roles li', { hasText: 'jurylid · Samen aan Zet' }).waitFor();

  // The person, after reloading, is a jury member: the jury page opens for them.
  await person.goto(`${BASE}/subsidies/jury`);
  await person.getByRole('heading', { level: 1, name: 'Jury' }).waitFor();
  await person.waitForLoadState('networkidle');
  assert.equal(await person.getByText('Deze pagina is er niet voor jouw rol.').count(), 0);

  // The audit log shows the grant, and downloads it as CSV.
  await admin.getByRole('link', { name: 'Auditlog' }).click();
  await admin.getByLabel('Handeling (bv. role.granted)').fill('role.granted');
  await admin.getByRole('button', { name: 'Filteren' }).click();
  await admin.locator('ol.audit-log li', { hasText: 'role.granted' }).first().waitFor();
  const [download] = await Promise.all([
    admin.waitForEvent('download'),
    admin.getByRole('button', { name: 'CSV downloaden' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'audit.csv');
  const csv = readFileSync(await download.path(), 'utf8').split('\n');
  assert.equal(csv[0], 'id,occurred_at,actor_user_id,actor_client_id,action,object_type,object_id,details');
  assert.ok(csv.slice(1).some((line) => line.includes(',role.granted,user,') && line.includes('jury_member')), csv.slice(0, 3).join('\n'));

  // An API client: its secret is shown once, then only its id; revoked, it says so.
  await admin.getByRole('link', { name: 'API-clients' }).click();
  await admin.getByLabel('Wie gebruikt hem?').fill(`Stadsregister ${stamp}`);
  await admin.getByLabel('Mag woonplaatsen registreren (residence:write)').check();
  await admin.getByRole('button', { name: 'Client aanmaken' }).click();
  const secret = await admin.locator('code.client-secret').innerText();
  assert.ok(secret.length >= 32, 'a long secret');
  const client = admin.locator('ul.api-clients li', { hasText: `Stadsregister ${stamp}` });
  assert.match(await client.innerText(), /residence:write/);
  await admin.reload();
  await client.waitFor();
  assert.equal(await admin.locator('code.client-secret').count(), 0, 'the secret is not shown again');
  assert.ok(!(await admin.content()).includes(secret));
  await client.getByRole('button', { name: `Trek in: Stadsregister ${stamp}` }).click();
  await admin.locator('ul.api-clients li', { hasText: `Stadsregister ${stamp}` }).filter({ hasText: 'ingetrokken' }).waitFor();

  assert.deepEqual([...errors, ...personErrors], []);
  await admin.close();
  await person.close();
});
