// Conversation and message actions against session-cli: a message's menu (copy text,
// message info), links that ask before opening, the emoji picker, a nickname, and blocking
// (nothing from a blocked contact shows, not even after unblocking; what comes after does).
// Screenshots of each screen in dark and light, desktop and phone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../lib/cli.mjs';
import {
  assertClean, createAccount, openMenu, DESKTOP, message, MOBILE, newUser, openChat, receive, send, setTheme,
  shot, until, waitSent,
} from '../lib/app.mjs';

export const name = 'message and conversation actions: menu, info, links, emoji, nickname, block';
export const needsCli = true;

const LINKED = 'Read https://getsession.org/faq. and www.example.com!';
const HELLO = 'Hello from the terminal 👋';

/** Closes whatever dialog or menu is open. */
async function escape(page) {
  await page.keyboard.press('Escape');
  await page.getByTestId('msg-menu').waitFor({ state: 'detached' }).catch(() => {});
}

/** The dialogs and menus of this scenario, shot as `actions-<screen>-<variant>`. */
async function shootAll(env, page, variant) {
  await message(page, HELLO).waitFor();
  await openMenu(page, HELLO);
  await shot(env, page, `actions-menu-${variant}`);
  await page.getByTestId('msg-action-info').click();
  await page.getByTestId('message-info').waitFor();
  await shot(env, page, `actions-message-info-${variant}`);
  await page.getByTestId('message-info-close').click();
  await page.getByTestId('message-link').first().click();
  await page.getByTestId('link-dialog').waitFor();
  await shot(env, page, `actions-link-dialog-${variant}`);
  await page.getByTestId('link-dialog-cancel').click();
  await page.getByTestId('emoji-open').click();
  await page.getByTestId('emoji-picker').waitFor();
  await shot(env, page, `actions-emoji-${variant}`);
  await escape(page);
  await page.getByTestId('emoji-picker').waitFor({ state: 'detached' });
  await page.getByTestId('conv-menu-open').click();
  await page.getByTestId('conv-menu-nickname').click();
  await page.getByTestId('nickname-dialog').waitFor();
  await shot(env, page, `actions-nickname-${variant}`);
  await escape(page);
  await page.getByTestId('conv-menu-open').click();
  await shot(env, page, `actions-conv-menu-${variant}`);
  await page.getByTestId('conv-menu-block').click();
  await page.getByTestId('block-dialog').waitFor();
  await shot(env, page, `actions-block-confirm-${variant}`);
  await page.getByTestId('block-dialog-cancel').click();
  await page.getByTestId('block-dialog').waitFor({ state: 'detached' });
}

export async function run(env) {
  const profile = await mkdtemp(join(tmpdir(), 'session-e2e-actions-'));
  env.cleanup.push(() => rm(profile, { recursive: true, force: true }));
  const url = env.relay.url;
  await cli(env.cliBin, url, profile, 'init');
  const { session_id: cliId } = await cli(env.cliBin, url, profile, 'whoami');

  const web = await newUser(env, 'actions');
  await web.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  const { page } = web;
  const w = await createAccount(env, web, 'Alice');
  await openChat(page, cliId);
  await send(page, LINKED);
  await waitSent(page, LINKED);
  await cli(env.cliBin, url, profile, 'send', w.id, HELLO);
  await receive(page, cliId, HELLO);

  // Copy text: the clipboard holds the message's text, and a toast says so.
  await openMenu(page, HELLO);
  const items = await page.getByTestId('msg-menu').locator('[data-testid^=msg-action-]').allTextContents();
  if (items.join('|') !== 'Reply|Copy text|Message info|Delete for me') throw new Error(`menu items: ${items}`);
  // Six quick reactions and "more" come first.
  if ((await page.getByTestId('msg-menu').getByRole('menuitem').count()) !== items.length + 7) {
    throw new Error('the quick reactions are missing');
  }
  await page.getByTestId('msg-action-copy').click();
  await until('the copied toast', async () =>
    /Copied/.test(await page.getByTestId('toast').textContent().catch(() => '')), 10_000);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  if (copied !== HELLO) throw new Error(`the clipboard holds ${JSON.stringify(copied)}`);

  // Message info by keyboard: the "⋯" button, Enter, the arrows, Enter.
  await message(page, LINKED).getByTestId('msg-more').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('msg-menu').waitFor();
  // The menu's first item (the first quick reaction) takes the focus once the menu is drawn;
  // the arrows go round: up from the first is the last ("Delete for everyone" of our sent
  // message), two more up is "Message info".
  await until('the first item focused', () =>
    page.evaluate(() => document.activeElement?.dataset.testid === 'quick-reaction'), 5_000);
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowUp');
  await until('Message info focused', () =>
    page.evaluate(() => document.activeElement?.dataset.testid === 'msg-action-info'), 5_000);
  await page.keyboard.press('Enter');
  const info = page.getByTestId('message-info');
  await info.waitFor();
  const infoText = await info.textContent();
  if (!infoText.includes(w.id)) throw new Error('message info does not show the author');
  if (!/Sent/.test(infoText) || !/Message hash/.test(infoText)) throw new Error(`message info: ${infoText}`);
  await page.keyboard.press('Escape');
  await info.waitFor({ state: 'detached' });

  // Links: two in the text, without the sentence's punctuation; opening asks first.
  const links = page.getByTestId('message-link');
  const hrefs = await links.evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.rel, a.target]));
  const want = [['https://getsession.org/faq', 'https://getsession.org/faq', 'noopener noreferrer', '_blank'],
    ['www.example.com', 'https://www.example.com', 'noopener noreferrer', '_blank']];
  if (JSON.stringify(hrefs) !== JSON.stringify(want)) throw new Error(`links: ${JSON.stringify(hrefs)}`);
  await links.first().click();
  const asked = await page.getByTestId('link-dialog-url').textContent();
  if (asked !== 'https://getsession.org/faq') throw new Error(`the dialog asks about ${asked}`);
  if (web.context.pages().length !== 1) throw new Error('a tab opened before the user confirmed');
  const opened = web.context.waitForEvent('page', { timeout: 10_000 });
  await page.getByTestId('link-dialog-confirm').click();
  const tab = await opened;
  const openerless = await tab.evaluate(() => window.opener === null).catch(() => true);
  if (!openerless) throw new Error('the opened tab can reach this page');
  await tab.close();

  // The emoji picker: search, pick, the recently used row.
  await page.getByTestId('composer-input').fill('Pizza ');
  await page.getByTestId('emoji-open').click();
  await page.getByTestId('emoji-search').fill('pizza');
  await page.locator('[data-testid=emoji][data-emoji="🍕"]').click();
  await escape(page);
  await page.getByTestId('emoji-picker').waitFor({ state: 'detached' });
  const typed = await page.getByTestId('composer-input').inputValue();
  if (typed !== 'Pizza 🍕') throw new Error(`the composer holds ${JSON.stringify(typed)}`);
  await page.getByTestId('composer-input').press('Enter');
  await waitSent(page, 'Pizza 🍕');
  await page.getByTestId('emoji-open').click();
  await page.getByTestId('emoji-recent').getByText('🍕').waitFor();
  await escape(page);

  // A nickname shows instead of the name, in the header and the list.
  await page.getByTestId('conv-menu-open').click();
  await page.getByTestId('conv-menu-nickname').click();
  await page.getByTestId('nickname-input').fill('  Terminal Tom  ');
  await page.getByTestId('nickname-save').click();
  await until('the nickname in the header', async () =>
    (await page.getByTestId('chat-title').textContent()) === 'Terminal Tom', 10_000);
  const item = page.locator(`[data-testid=conversation-item][data-conv="${cliId}"]`);
  await until('the nickname in the list', async () =>
    (await item.locator('.conversation-name').textContent()) === 'Terminal Tom', 10_000);

  await page.getByTestId('toast').waitFor({ state: 'detached', timeout: 10_000 });
  await shootAll(env, page, 'desktop-dark');

  // Blocking asks first, then the composer gives way to a bar.
  await page.getByTestId('conv-menu-open').click();
  await page.getByTestId('conv-menu-block').click();
  const question = await page.getByTestId('block-dialog').textContent();
  if (!question.includes('Are you sure you want to block Terminal Tom?')) throw new Error(`block dialog: ${question}`);
  await page.getByTestId('block-dialog-confirm').click();
  await page.getByTestId('blocked-bar').waitFor();
  if (await page.getByTestId('composer-input').count()) throw new Error('a blocked chat still has a composer');

  // What they send while blocked never shows, not even once unblocked.
  await cli(env.cliBin, url, profile, 'send', w.id, 'sent while blocked');
  await new Promise((r) => setTimeout(r, 12_000));
  if (await message(page, 'sent while blocked').count()) throw new Error('a blocked message shows');

  for (const [viewport, vp] of [['desktop', DESKTOP], ['mobile', MOBILE]]) {
    await page.setViewportSize(vp);
    for (const theme of ['dark', 'light']) {
      await setTheme(page, theme);
      await page.goto(`/#/c/${cliId}`);
      await page.getByTestId('blocked-bar').waitFor();
      await shot(env, page, `actions-blocked-bar-${viewport}-${theme}`);
      await page.goto('/#/settings');
      await page.getByTestId('blocked-item').waitFor();
      await page.getByTestId('blocked-contacts').scrollIntoViewIfNeeded();
      await shot(env, page, `actions-settings-blocked-${viewport}-${theme}`);
    }
  }
  await page.setViewportSize(DESKTOP);
  await setTheme(page, 'dark');
  await page.goto('/#/settings');
  const listed = await page.getByTestId('blocked-item').textContent();
  if (!listed.includes('Terminal Tom')) throw new Error(`the blocked list shows ${listed}`);
  await page.getByTestId('blocked-unblock').click();
  await page.getByTestId('blocked-empty').waitFor();
  await page.getByTestId('blocked-contacts').scrollIntoViewIfNeeded();
  await shot(env, page, 'actions-settings-blocked-empty-desktop-dark');

  await cli(env.cliBin, url, profile, 'send', w.id, 'after unblocking');
  await receive(page, cliId, 'after unblocking');
  await page.getByTestId('composer-input').waitFor();
  if (await message(page, 'sent while blocked').count()) throw new Error('the blocked message came back');

  // The other screens in the other themes and widths.
  for (const [viewport, vp] of [['desktop', DESKTOP], ['mobile', MOBILE]]) {
    await page.setViewportSize(vp);
    for (const theme of ['dark', 'light']) {
      if (viewport === 'desktop' && theme === 'dark') continue;
      await setTheme(page, theme);
      await shootAll(env, page, `${viewport}-${theme}`);
    }
  }
  assertClean(web);
}
