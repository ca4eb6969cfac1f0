// Notifications in the web app (issue "signals, advisory councils and terugkoppeling"): a
// resident follows a wijk with the weekly overview, a neighbour submits an idea there, Monday's
// digest (run here as the cron job would, `samenstad digest`) brings it with its link, and the
// digest's unsubscribe link works without logging in. Accounts come from the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, cli, cliUser, launchChromium, logIn, mailedLinks } from './support.mjs';

const PASSWORD = 'een lange zin als wachtwoord';
let browser;

before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

test('a resident follows a wijk and gets the digest, and its link unsubscribes without logging in', async () => {
  const stamp = Date.now();
  const annEmail = `ann-${stamp}@example.org`;
  const bobEmail = `bob-${stamp}@example.org`;
  cliUser(annEmail, PASSWORD, { name: 'Ann' });
  cliUser(bobEmail, PASSWORD, { name: 'Bob' });

  // Ann follows wijk 3 on its page, with the overview every Monday.
  const { page: ann, errors } = await logIn(browser, annEmail, PASSWORD);
  await ann.goto(`${BASE}/wijken/3`);
  const follow = ann.locator('section.follow');
  await follow.getByLabel('Hoe wil je het horen?').selectOption('weekly');
  await follow.getByRole('button', { name: 'Volgen' }).click();
  await follow.getByRole('status').filter({ hasText: 'je krijgt elke maandag een overzicht' }).waitFor();
  await follow.locator('p.following', { hasText: 'wekelijks overzicht' }).waitFor();
  // Her account page lists it.
  await ann.goto(`${BASE}/account`);
  const list = ann.locator('section.follows');
  const wijkName = (await list.locator('li a').first().innerText()).trim();
  assert.ok(wijkName.length > 2, 'the wijk is named');
  assert.equal(await list.locator('li select').first().inputValue(), 'weekly');

  // Bob submits an idea in wijk 3.
  const { page: bob } = await logIn(browser, bobEmail, PASSWORD);
  const title = `Een bibliotheekkast op het plein ${stamp}`;
  await bob.goto(`${BASE}/ideas?wijk=3`);
  await bob.waitForFunction(() => document.querySelector('#idea-wijk')?.value === '3');
  await bob.getByLabel('Titel van je idee').fill(title);
  await bob.getByLabel('Beschrijf je idee').fill('Een kast waar buren boeken ruilen, naast de bank.');
  await bob.getByRole('button', { name: 'Idee indienen' }).click();
  await bob.waitForURL(/\/ideas\/[0-9a-f-]{36}$/);
  const ideaUrl = bob.url();

  // Monday's digest: one mail with the idea under the wijk, and its link.
  assert.match(cli('digest', '--public-url', BASE), /digests mailed: [1-9]/);
  const { body, links } = await mailedLinks(annEmail, 'digest');
  assert.match(body, new RegExp(`## ${wijkName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.ok(body.includes(`nieuw idee: ${title}`), body);
  assert.ok(links.includes(ideaUrl), `${ideaUrl} in ${links}`);
  const unsubscribe = links.find((l) => l.includes('/unsubscribe?token='));
  assert.ok(unsubscribe, body);

  // The link works in a browser that is not logged in.
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(unsubscribe);
  await visitor.getByText('Je krijgt geen mails meer over').waitFor();
  await visitor.getByRole('button', { name: 'Uitschrijven' }).click();
  await visitor.getByRole('status').filter({ hasText: 'Uitgeschreven' }).waitFor();
  await context.close();

  // Ann's account page: nothing followed any more.
  await ann.goto(`${BASE}/account`);
  await ann.locator('section.follows p.empty', { hasText: 'Je volgt nog niets.' }).waitFor();
  assert.deepEqual(errors, []);
});
