// Shared by the browser tests: the server under test, Debian's Chromium, accounts from the CLI,
// logging in, the mail the server sends (read from its mail directory), and axe-core.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

export const BASE = process.env.SAMENSTAD_E2E_URL ?? 'http://127.0.0.1:8090';

/** Headless Chromium with the flags these tests run it with (Playwright makes a fresh profile). */
export function launchChromium(options = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic'],
    ...options,
  });
}

/**
 * An account made with the `samenstad admin create-user` CLI (the only set-up the staff tests
 * do outside the web app): `role` is resident, admin, programme_admin, wijk_staff (with `wijk`),
 * jury_member (with `scheme`, its key), venue_manager (with `venue`, its slug) or service_staff
 * (with `service`, its key).
 * Returns the account's id.
 */
export function cliUser(email, password, { role = 'resident', wijk, scheme, venue, service, council, name = 'Medewerker' } = {}) {
  const bin = process.env.SAMENSTAD_BIN ?? `${process.env.CARGO_TARGET_DIR ?? 'target'}/debug/samenstad`;
  const args = ['admin', 'create-user', '--email', email, '--role', role, '--name', name, '--password-stdin'];
  if (wijk !== undefined) args.push('--wijk', String(wijk));
  if (scheme !== undefined) args.push('--scheme', scheme);
  if (venue !== undefined) args.push('--venue', venue);
  if (service !== undefined) args.push('--service', service);
  if (council !== undefined) args.push('--council', council);
  const out = execFileSync(bin, args, { input: `${password}\n`, env: process.env, stdio: ['pipe', 'pipe', 'inherit'] });
  return String(out).match(/\(id ([0-9a-f-]{36})\)/)[1];
}

/** A time as a `datetime-local` input takes it, in the browser's (and this process's) zone. */
export const localInput = (d) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);

/** A local calendar day `days` from now as a `date` input takes it (`YYYY-MM-DD`). */
export function dayInput(days) {
  const d = new Date(Date.now() + days * 86400000);
  return localInput(d).slice(0, 10);
}

/** A new page of `browser` logged in as `email` through the login page (Dutch). */
export async function logIn(browser, email, password) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${BASE}/login`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL('**/account');
  return { page, errors };
}

/**
 * The newest mail of `template` to `to` as the server handed it over: its text and the links in
 * it. Without SMTP the server under test writes each mail to $SAMENSTAD_MAIL_DIR as an .eml file
 * (scripts/env.sh sets it); scripts/mailbox.py reads it with Python's mail parser, waiting for
 * the mail worker. One-time links exist only there, never in the outbox.
 */
export async function mailedLinks(to, template) {
  const { stdout } = await promisify(execFile)('python3', ['scripts/mailbox.py', to, template]);
  return JSON.parse(stdout);
}

/** The first link in the newest mail of `template` to `to` (see `mailedLinks`). */
export async function mailedLink(to, template) {
  return (await mailedLinks(to, template)).links[0];
}

/** Runs a command of the `samenstad` binary as a cron job would (e.g. `digest`); its output. */
export function cli(...args) {
  const bin = process.env.SAMENSTAD_BIN ?? `${process.env.CARGO_TARGET_DIR ?? 'target'}/debug/samenstad`;
  return String(execFileSync(bin, args, { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] }));
}

const AXE_SOURCE = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** axe-core's moderate, serious and critical violations on the page, as readable lines. */
export async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.impact === 'moderate')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/**
 * Scans the page as it is in Dutch, switches to English with the language button and scans
 * again, then switches back; fails with every violation found. For pages of an object made in a
 * flow test (a project, a panel, an advice request), scanned where the flow reaches them.
 */
export async function assertAccessibleInBothLanguages(page, label) {
  const found = [];
  for (const lang of ['nl', 'en']) {
    await page.waitForSelector('html[data-app="started"]');
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await page.waitForFunction(() => !document.querySelector('main .loading'));
    for (const v of await axeViolations(page)) found.push(`${label} (${lang}): ${v}`);
    await page.locator('button.lang-switch').click();
  }
  await page.waitForFunction(() => document.documentElement.lang === 'nl');
  if (found.length) throw new Error(`axe-core:\n${found.join('\n')}`);
}

/**
 * The texts of the first HTML's `<main>` (headings, paragraphs, list items, table cells, facts)
 * that the app, now running on `page`, does not show: none, when the server's first HTML is the
 * top of the app's page (`crates/api/src/first_html.rs`).
 */
export async function firstHtmlTextsNotShown(page, html) {
  return page.evaluate((sent) => {
    const blocks = 'main h1, main h2, main h3, main p, main th, main td, main li, main dt, main dd';
    const texts = (root) => [...root.querySelectorAll(blocks)].map((e) => e.textContent.replace(/\s+/g, ' ').trim());
    const shown = new Set(texts(document));
    const parsed = new DOMParser().parseFromString(sent, 'text/html');
    parsed.querySelectorAll('noscript').forEach((n) => n.remove());
    return texts(parsed).filter((t) => t && !shown.has(t));
  }, html);
}
