// Drives the web app in Chromium: one "user" is a browser with its own fresh profile folder.
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** How long to wait for something that crosses the (local) network. */
export const NET_TIMEOUT = 90_000;

export const MOBILE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/**
 * Launches a browser for one user, with a fresh user-data-dir, on the relay's origin; `args`
 * are extra Chromium switches (a fake microphone…); `locale` is the browser's language.
 */
export async function newUser(env, name, viewport = DESKTOP, relay = env.relay, args = [],
  locale = 'en-US') {
  const dir = await mkdtemp(join(tmpdir(), `session-e2e-${name}-`));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: env.chromium,
    headless: true,
    args: [...CHROME_ARGS, ...args],
    viewport,
    baseURL: relay.url,
    serviceWorkers: 'allow',
    // The app follows the system theme until the user picks one: start dark, as Session does.
    colorScheme: 'dark',
    locale,
  });
  const user = { name, context, dir, problems: [], notes: [], pages: [] };
  (env.users ??= []).push(user);
  user.page = await attach(user, context.pages()[0] ?? (await context.newPage()));
  user.close = async () => {
    await context.close().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  env.cleanup.push(user.close);
  return user;
}

/** Watches a page for CSP violations, script errors and dialogs (none may happen). */
export async function attach(user, page) {
  page.setDefaultTimeout(30_000);
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(text)) {
      user.problems.push(`CSP violation: ${text}`);
    }
    if (m.type() === 'error' && /panicked/.test(text)) user.problems.push(`panic: ${text}`);
    if (m.type() === 'error' || m.type() === 'warning') note(user, `console ${m.type()}: ${text}`);
  });
  page.on('requestfailed', (r) => note(user, `request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('pageerror', (e) => user.problems.push(`page error: ${e.message}`));
  page.on('dialog', async (d) => {
    user.problems.push(`unexpected dialog: ${d.type()} ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  user.pages.push(page);
  return page;
}

/** Keeps the last few things a user's pages said, for the report of a failed scenario. */
function note(user, line) {
  user.notes.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
  if (user.notes.length > 20) user.notes.shift();
}

/**
 * What each user's browser showed when a scenario failed: the page address, the start of its
 * text, its problems and its last console errors and failed requests.
 */
export async function describeUsers(env) {
  const lines = [];
  for (const user of env.users ?? []) {
    for (const page of user.pages) {
      if (page.isClosed()) continue;
      const text = await page.evaluate(() => document.body?.innerText ?? '(no body)')
        .catch((e) => `(page unreadable: ${e.message})`);
      lines.push(`[${user.name}] at ${page.url()}: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
    for (const p of user.problems) lines.push(`[${user.name}] ${p}`);
    for (const n of user.notes) lines.push(`[${user.name}] ${n}`);
  }
  return lines;
}

/** Fails if a page of `user` saw a CSP violation, an error or a dialog. */
export function assertClean(user) {
  if (user.problems.length) throw new Error(`${user.name}: ${user.problems.join('\n')}`);
}

/** Saves a screenshot to the screenshots folder. */
export async function shot(env, page, name) {
  await mkdir(env.shots, { recursive: true });
  await page.screenshot({ path: join(env.shots, `${name}.png`) });
}

/** Sets the theme through the app's settings preference (localStorage) and reloads. */
export async function setTheme(page, theme) {
  await page.evaluate((t) => localStorage.setItem('session-web.theme', t), theme);
  await page.reload();
}

/** Sets a password lock in Settings and waits until it is on. */
export async function setPassword(page, password) {
  await page.goto('/#/settings');
  await page.getByTestId('password-panel').waitFor();
  await page.getByTestId('set-password').click();
  await page.getByTestId('password-new').fill(password);
  await page.getByTestId('password-confirm').fill(password);
  await page.getByTestId('password-submit').click();
  await page.getByTestId('password-on').waitFor({ timeout: 30_000 });
}

/** Unlocks the unlock screen with `password`. */
export async function unlock(page, password) {
  await page.getByTestId('unlock-password').fill(password);
  await page.getByTestId('unlock-submit').click();
}

/** The recovery phrase shown on the page (its words, in order). */
export async function phraseOf(page) {
  const words = await page.getByTestId('recovery-phrase').locator('li').allTextContents();
  return words.map((w) => w.trim()).join(' ');
}

/** Creates an account through onboarding; returns { id, phrase }. */
export async function createAccount(env, user, displayName, { shots = false } = {}) {
  const { page } = user;
  await page.goto('/');
  await page.getByTestId('create-account').click();
  const id = (await page.getByTestId('new-session-id').textContent()).trim();
  const phrase = await phraseOf(page);
  if (phrase.split(' ').length !== 13) throw new Error(`the recovery phrase has not 13 words: ${phrase}`);
  if (shots) await shot(env, page, `${shots}-onboarding-create`);
  await page.getByTestId('phrase-saved').check();
  await page.getByTestId('create-continue').click();
  await page.getByTestId('display-name-input').fill(displayName);
  if (shots) await shot(env, page, `${shots}-onboarding-display-name`);
  await page.getByTestId('display-name-continue').click();
  await page.getByTestId('new-conversation').waitFor();
  return { id, phrase };
}

/** Opens (or starts) the conversation with `id` through "New conversation". */
export async function openChat(page, id) {
  await page.getByTestId('new-conversation').click();
  await page.getByTestId('recipient-input').fill(id);
  await page.getByTestId('start-conversation').click();
  await page.locator(`[data-testid=chat-view][data-conv="${id}"]`).waitFor();
}

/** Types `text` in the composer and presses Enter. */
export async function send(page, text) {
  const box = page.getByTestId('composer-input');
  await box.fill(text);
  await box.press('Enter');
}

/** The message bubble showing exactly `text`. */
export function message(page, text) {
  return page.locator('[data-testid=message]').filter({
    has: page.getByTestId('message-text').getByText(text, { exact: true }),
  });
}

/** Opens the "⋯" menu of the message showing `text`. */
export async function openMenu(page, text) {
  const msg = message(page, text);
  await msg.hover();
  await msg.getByTestId('msg-more').click();
  await page.getByTestId('msg-menu').waitFor();
}

/** Waits until our message `text` is marked sent. */
export async function waitSent(page, text) {
  await message(page, text).and(page.locator('[data-status=sent]')).waitFor({ timeout: NET_TIMEOUT });
}

/**
 * The list entry of the conversation with `id`, once it shows: in the conversation list, or,
 * for someone who wrote first and was never answered, among the message requests (which
 * this opens).
 */
export async function listEntry(page, id) {
  const item = page.locator(`[data-testid=conversation-item][data-conv="${id}"]`);
  const requests = page.getByTestId('requests-row');
  await until(`the conversation with ${id.slice(0, 8)}… to list`, async () =>
    (await item.count()) > 0 || (await requests.count()) > 0);
  if (!(await item.count())) {
    await requests.click();
    await page.getByTestId('message-requests').waitFor();
  }
  await item.waitFor({ timeout: NET_TIMEOUT });
  return item;
}

/** Waits for the conversation with `fromId` to list, opens it and waits for `text`. */
export async function receive(page, fromId, text) {
  const chatAlready = await page.locator(`[data-testid=chat-view][data-conv="${fromId}"]`).count();
  const item = chatAlready
    ? page.locator(`[data-testid=conversation-item][data-conv="${fromId}"]`)
    : await listEntry(page, fromId);
  const chatOpen = await page.locator(`[data-testid=chat-view][data-conv="${fromId}"]`).count();
  if (!chatOpen) await item.click();
  await message(page, text).waitFor({ timeout: NET_TIMEOUT });
}

/** Waits until `cond` (async) is true. */
export async function until(what, cond, timeout = NET_TIMEOUT) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
