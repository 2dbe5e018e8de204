// The interface's language: a French browser gets the app in French from the first screen; the
// Settings switch turns it to Arabic, laid out right to left (mirrored, audited); the catalogue
// stays available offline; back to "same as the browser" returns to French.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  assertClean, createAccount, DESKTOP, MOBILE, newUser, send, shot, until, waitSent,
} from '../lib/app.mjs';
import { violations } from '../lib/a11y.mjs';

export const name = 'languages: browser language, Settings switch, right-to-left layout, offline';

const CATALOGUES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'app', 'i18n');

/** The simple (one-line, no placeable) messages of a language's catalogue, by key. */
function catalogue(tag) {
  const out = new Map();
  for (const f of readdirSync(join(CATALOGUES, tag))) {
    for (const line of readFileSync(join(CATALOGUES, tag, f), 'utf8').split('\n')) {
      const m = line.match(/^([a-z][a-z0-9-]*) = ([^{}]+)$/);
      if (m) out.set(m[1], m[2].trim());
    }
  }
  return out;
}

/** Latin-script words left in the visible text of a right-to-left page, once names, IDs and
 *  the words that stay as they are (the product's name, ONS…) are taken out. */
async function latinWords(page, allowed) {
  const text = (await page.evaluate(() => document.body.innerText)).replace(/[0-9a-f]{16,}/g, ' ');
  const words = text.match(/\p{Script=Latin}[\p{Script=Latin}'’-]{2,}/gu) ?? [];
  // Pieces of Session IDs (shown whole, split over lines, or shortened) are hex.
  return [...new Set(words.filter((w) => !allowed.has(w) && !/^[0-9a-f]+$/.test(w)))];
}

async function html(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
  }));
}

export async function run(env) {
  const fr = catalogue('fr');
  const ar = catalogue('ar');
  const user = await newUser(env, 'lang', DESKTOP, env.relay, [], 'fr-FR');
  const { page } = user;

  // A French browser: French from the welcome screen on.
  await page.goto('/');
  await page.getByTestId('create-account').waitFor();
  let root = await html(page);
  if (root.lang !== 'fr' || root.dir !== 'ltr') throw new Error(`welcome: html ${JSON.stringify(root)}`);
  const welcome = await page.evaluate(() => document.body.innerText);
  const frenchShown = [...fr.values()].filter((v) => v.length > 6 && welcome.includes(v));
  if (frenchShown.length < 2) throw new Error(`the welcome screen is not in French: ${welcome}`);
  await shot(env, page, 'lang-fr-welcome-desktop-dark');
  const me = await createAccount(env, user, 'Amélie');
  await shot(env, page, 'lang-fr-home-desktop-dark');

  // Settings → Arabic: the page reloads right to left.
  await page.goto('/#/settings');
  await page.getByTestId('language-select').selectOption('ar');
  await until('the page in Arabic', async () => (await html(page).catch(() => ({}))).lang === 'ar');
  await page.getByTestId('settings').waitFor();
  root = await html(page);
  if (root.dir !== 'rtl') throw new Error(`arabic: html ${JSON.stringify(root)}`);
  const allowed = new Set(['Session', 'ONS', 'English', 'Français', 'Amélie', 'ID', 'QR', 'Onion',
    'Ctrl', 'Shift', 'Alt', 'Enter', 'Esc', 'Tab', 'Home', 'End', 'Escape', 'PageUp', 'PageDown']);
  const settingsLeft = await latinWords(page, allowed);
  if (settingsLeft.length) throw new Error(`settings in Arabic still shows: ${settingsLeft.join(', ')}`);
  for (const theme of ['dark', 'light']) {
    await page.emulateMedia({ colorScheme: theme });
    await shot(env, page, `lang-ar-settings-desktop-${theme}`);
  }
  await page.goto('/#/');
  await page.getByTestId('new-conversation').waitFor();
  const homeLeft = await latinWords(page, allowed);
  if (homeLeft.length) throw new Error(`home in Arabic still shows: ${homeLeft.join(', ')}`);
  // Mirrored: the conversation list is on the right, its new-conversation button at its left.
  const list = await page.locator('.sidebar').boundingBox();
  if (!list || list.x + list.width < DESKTOP.width - 2) {
    throw new Error(`the sidebar is not on the right: ${JSON.stringify(list)}`);
  }
  for (const theme of ['dark', 'light']) {
    await page.emulateMedia({ colorScheme: theme });
    await shot(env, page, `lang-ar-home-desktop-${theme}`);
  }
  const found = await violations(page);
  if (found.length) throw new Error(`accessibility in Arabic:\n  ${found.join('\n  ')}`);

  // A chat (Note to Self) in Arabic: our bubbles on the left, the composer mirrored.
  await page.getByTestId('new-conversation').click();
  await page.getByTestId('recipient-input').fill(me.id);
  await page.getByTestId('start-conversation').click();
  await page.getByTestId('chat-view').waitFor();
  await send(page, 'مرحبا بالعالم');
  await waitSent(page, 'مرحبا بالعالم');
  await send(page, 'Hello from a French browser');
  await waitSent(page, 'Hello from a French browser');
  const bubble = await page.locator('.msg-out .bubble').first().boundingBox();
  const composer = await page.getByTestId('composer-input').boundingBox();
  if (!bubble || !composer || bubble.x > composer.x + composer.width / 2) {
    throw new Error(`our messages are not on the left: ${JSON.stringify({ bubble, composer })}`);
  }
  for (const theme of ['dark', 'light']) {
    await page.emulateMedia({ colorScheme: theme });
    await shot(env, page, `lang-ar-chat-desktop-${theme}`);
  }
  await page.setViewportSize(MOBILE);
  await shot(env, page, 'lang-ar-chat-phone-light');
  await page.setViewportSize(DESKTOP);
  await page.goto('/#/');
  await page.getByTestId('new-conversation').waitFor();

  // Note to Self, in Arabic, on a phone.
  await page.setViewportSize(MOBILE);
  await page.getByTestId('new-conversation').click();
  for (const theme of ['dark', 'light']) {
    await page.emulateMedia({ colorScheme: theme });
    await shot(env, page, `lang-ar-new-conversation-phone-${theme}`);
  }
  await page.goto('/#/settings');
  await page.getByTestId('settings').waitFor();
  await page.getByTestId('language-select').scrollIntoViewIfNeeded();
  await shot(env, page, 'lang-ar-settings-phone-light');
  await page.setViewportSize(DESKTOP);
  await page.emulateMedia({ colorScheme: 'dark' });

  // Offline, the installed app still opens in Arabic (the catalogue was kept).
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await user.context.setOffline(true);
  await page.reload();
  await page.getByTestId('settings').waitFor();
  root = await html(page);
  if (root.lang !== 'ar') throw new Error(`offline: html ${JSON.stringify(root)}`);
  const settingsText = await page.evaluate(() => document.body.innerText);
  const arabicShown = [...ar.values()].filter((v) => v.length > 4)
    .filter((v) => settingsText.includes(v));
  if (arabicShown.length < 3) throw new Error(`offline settings not in Arabic: ${settingsText}`);
  await user.context.setOffline(false);

  // Back to the browser's language: French again.
  await page.getByTestId('language-select').selectOption('system');
  await until('the page in French', async () => (await html(page).catch(() => ({}))).lang === 'fr');
  await page.getByTestId('settings').waitFor();
  root = await html(page);
  if (root.dir !== 'ltr') throw new Error(`french again: html ${JSON.stringify(root)}`);
  await page.getByTestId('language-select').scrollIntoViewIfNeeded();
  await shot(env, page, 'lang-fr-settings-desktop-dark');
  await page.setViewportSize(MOBILE);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByTestId('language-select').scrollIntoViewIfNeeded();
  await shot(env, page, 'lang-fr-settings-phone-light');
  // A focused field shows its ring in both themes.
  await page.locator('.profile-panel .input').first().focus();
  for (const theme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: theme });
    await shot(env, page, `lang-fr-settings-focus-phone-${theme}`);
  }
  assertClean(user);
}
