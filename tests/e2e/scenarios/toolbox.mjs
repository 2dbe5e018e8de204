// The conversation toolbox between two browsers and session-cli: a first message lands among
// the requests and is accepted; replies quote their original (and jump to it); reactions come
// and go both ways; typing indicators and read receipts follow the privacy switches; "delete
// for everyone" reaches the other browser; the CLI reacts, replies and unsends, and sees the
// browser's reaction with `receive --events`. Screenshots of each new screen in both themes,
// desktop and phone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../lib/cli.mjs';
import { png } from '../lib/png.mjs';
import {
  assertClean, createAccount, openMenu, DESKTOP, listEntry, message, MOBILE, newUser, openChat, receive,
  send, shot, until, waitSent,
} from '../lib/app.mjs';

export const name = 'toolbox: requests, replies, reactions, typing, receipts, unsend (browser, browser, CLI)';
export const needsCli = true;

/** Turns both privacy switches on in Settings, then comes back to the list. */
async function privacyOn(page) {
  await page.goto('/#/settings');
  await page.getByTestId('privacy').waitFor();
  await page.getByTestId('read-receipts').check();
  await page.getByTestId('typing-indicators').check();
  await page.goto('/#/');
}

/** Shots of `page` as it is (menus stay open: the system scheme changes, nothing reloads). */
async function bothThemes(env, page, label) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await shot(env, page, `${label}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'dark' });
}

export async function run(env) {
  const profile = await mkdtemp(join(tmpdir(), 'session-e2e-toolbox-'));
  env.cleanup.push(() => rm(profile, { recursive: true, force: true }));
  const url = env.relay.url;
  await cli(env.cliBin, url, profile, 'init');
  const { session_id: cliId } = await cli(env.cliBin, url, profile, 'whoami');

  const alice = await newUser(env, 'toolbox-alice', DESKTOP);
  const bob = await newUser(env, 'toolbox-bob', MOBILE);
  const a = await createAccount(env, alice, 'Alice');
  const b = await createAccount(env, bob, 'Bob');
  await privacyOn(alice.page);

  // Alice writes first: Bob finds her among his message requests.
  await openChat(alice.page, b.id);
  await send(alice.page, 'Lunch on Friday?');
  await waitSent(alice.page, 'Lunch on Friday?');
  const item = await listEntry(bob.page, a.id);
  await bothThemes(env, bob.page, 'toolbox-requests-mobile');
  await item.click();
  await bob.page.getByTestId('request-bar').waitFor();
  await bothThemes(env, bob.page, 'toolbox-request-bar-mobile');
  await bob.page.getByTestId('request-accept').click();
  await bob.page.getByTestId('request-bar').waitFor({ state: 'detached' });
  await privacyOn(bob.page);
  await bob.page.locator(`[data-testid=conversation-item][data-conv="${a.id}"]`).click();

  // Bob replies, quoting Alice's message.
  await openMenu(bob.page, 'Lunch on Friday?');
  await bothThemes(env, bob.page, 'toolbox-message-menu-mobile');
  await bob.page.getByTestId('msg-action-reply').click();
  await bob.page.getByTestId('reply-bar').waitFor();
  await bothThemes(env, bob.page, 'toolbox-reply-bar-mobile');
  await send(bob.page, 'Yes, at noon');
  await waitSent(bob.page, 'Yes, at noon');
  await receive(alice.page, b.id, 'Yes, at noon');
  const quote = message(alice.page, 'Yes, at noon').getByTestId('quote');
  await until('the quote to name the original', async () =>
    ((await quote.textContent()) || '').includes('Lunch on Friday?'));

  // Alice reacts to Bob's reply; Bob sees it and adds his own, then takes it back.
  await openMenu(alice.page, 'Yes, at noon');
  await bothThemes(env, alice.page, 'toolbox-message-menu-desktop');
  await alice.page.getByTestId('quick-reaction').first().click();
  const bobsReply = message(bob.page, 'Yes, at noon');
  await bobsReply.getByTestId('reaction').waitFor({ timeout: 90_000 });
  await bobsReply.getByTestId('reaction').click();
  await until('two reactions on Alice\'s side', async () =>
    ((await message(alice.page, 'Yes, at noon').getByTestId('reaction').textContent()) || '').includes('2'));
  await bothThemes(env, alice.page, 'toolbox-reactions-desktop');
  await bobsReply.getByTestId('reaction').click();
  await until('Bob\'s reaction gone on Alice\'s side', async () =>
    ((await message(alice.page, 'Yes, at noon').getByTestId('reaction').textContent()) || '').includes('1'));

  // The quote takes Alice to the original.
  await quote.click();

  // Typing: Bob types, Alice sees it; the indicator goes once he sends.
  await bob.page.getByTestId('composer-input').pressSequentially('I will bring', { delay: 30 });
  await alice.page.getByTestId('typing-indicator').waitFor({ timeout: 90_000 });
  await bothThemes(env, alice.page, 'toolbox-typing-desktop');
  await bob.page.getByTestId('composer-input').press('Enter');
  await receive(alice.page, b.id, 'I will bring');
  await alice.page.getByTestId('typing-indicator').waitFor({ state: 'detached', timeout: 30_000 });

  // Read receipts: Bob has the chat open, so Alice's next message shows read.
  await send(alice.page, 'Great, see you');
  await receive(bob.page, a.id, 'Great, see you');
  await message(alice.page, 'Great, see you').and(alice.page.locator('[data-read=true]'))
    .waitFor({ timeout: 90_000 });

  // Delete for everyone: the message becomes a notice on both sides.
  await send(alice.page, 'Oops, wrong chat');
  await waitSent(alice.page, 'Oops, wrong chat');
  await receive(bob.page, a.id, 'Oops, wrong chat');
  await openMenu(alice.page, 'Oops, wrong chat');
  await alice.page.getByTestId('msg-action-delete-all').click();
  await alice.page.getByTestId('msg-delete-confirm').waitFor();
  await bothThemes(env, alice.page, 'toolbox-delete-confirm-desktop');
  await alice.page.getByTestId('msg-delete-confirm-confirm').click();
  await message(alice.page, 'Oops, wrong chat').waitFor({ state: 'detached', timeout: 30_000 });
  await message(bob.page, 'Oops, wrong chat').waitFor({ state: 'detached', timeout: 90_000 });
  await bob.page.getByTestId('deleted-notice').first().waitFor();
  await bothThemes(env, bob.page, 'toolbox-deleted-mobile');

  // A reply to a picture shows its thumbnail in the quote.
  await alice.page.getByTestId('file-input').setInputFiles(
    [{ name: 'menu.png', mimeType: 'image/png', buffer: png(320, 200) }]);
  await alice.page.getByTestId('tray-item').waitFor();
  await alice.page.getByTestId('composer-input').fill('The menu');
  await alice.page.getByTestId('send').click();
  await waitSent(alice.page, 'The menu');
  await receive(bob.page, a.id, 'The menu');
  await message(bob.page, 'The menu').locator('img').first().waitFor({ timeout: 90_000 });
  await openMenu(bob.page, 'The menu');
  await bob.page.getByTestId('msg-action-reply').click();
  await send(bob.page, 'Looks good');
  await waitSent(bob.page, 'Looks good');
  await message(bob.page, 'Looks good').getByTestId('quote-thumb').waitFor();
  await receive(alice.page, b.id, 'Looks good');
  await message(alice.page, 'Looks good').getByTestId('quote-thumb').waitFor({ timeout: 90_000 });
  await bothThemes(env, alice.page, 'toolbox-quote-picture-desktop');

  // Disappearing messages: Alice sets one day after read; Bob sees the notice and the
  // setting in his chat header.
  await alice.page.getByTestId('conv-menu-open').click();
  await alice.page.getByTestId('conv-menu-disappearing').click();
  await alice.page.getByTestId('disappearing-dialog').waitFor();
  await alice.page.getByTestId('disappear-read-86400').check();
  await bothThemes(env, alice.page, 'toolbox-disappearing-dialog-desktop');
  await alice.page.getByTestId('disappearing-set').click();
  await alice.page.getByTestId('timer-notice').waitFor();
  await bob.page.getByTestId('timer-notice').waitFor({ timeout: 90_000 });
  await until('Bob\'s header to show the setting', async () =>
    ((await bob.page.getByTestId('chat-disappearing').textContent().catch(() => '')) || '')
      .includes('1 day'));
  await send(bob.page, 'This one goes a day after Alice reads it');
  await receive(alice.page, b.id, 'This one goes a day after Alice reads it');
  await bothThemes(env, bob.page, 'toolbox-disappearing-mobile');

  // The CLI: Alice writes to it; it reacts, replies quoting her, then unsends the reply.
  await openChat(alice.page, cliId);
  await send(alice.page, 'Hello terminal');
  await waitSent(alice.page, 'Hello terminal');
  let got = [];
  await until('the CLI to receive Alice\'s message', async () => {
    got = got.concat(await cli(env.cliBin, url, profile, 'receive'));
    return got.some((m) => m.text === 'Hello terminal');
  });
  const hello = got.find((m) => m.text === 'Hello terminal');
  await cli(env.cliBin, url, profile, 'react', a.id, String(hello.timestamp), '🎉');
  const reply = await cli(env.cliBin, url, profile, 'send', a.id, 'Hello browser',
    '--reply-to', String(hello.timestamp));
  const helloInAlice = message(alice.page, 'Hello terminal');
  await helloInAlice.getByTestId('reaction').waitFor({ timeout: 90_000 });
  await receive(alice.page, cliId, 'Hello browser');
  await until('the CLI\'s reply to quote Alice', async () =>
    ((await message(alice.page, 'Hello browser').getByTestId('quote').textContent()) || '')
      .includes('Hello terminal'));
  // Alice reacts to the CLI's reply; the CLI sees it with --events.
  await openMenu(alice.page, 'Hello browser');
  await alice.page.getByTestId('quick-reaction').nth(1).click();
  let events = [];
  await until('the CLI to see Alice\'s reaction', async () => {
    events = events.concat(await cli(env.cliBin, url, profile, 'receive', '--events'));
    return events.some((e) => e.kind === 'reaction' && e.target.timestamp === reply.timestamp
      && e.action === 'add');
  });
  const unsent = await cli(env.cliBin, url, profile, 'unsend', a.id, String(reply.timestamp));
  if (!unsent.hash) throw new Error(`unexpected unsend output ${JSON.stringify(unsent)}`);
  await message(alice.page, 'Hello browser').waitFor({ state: 'detached', timeout: 90_000 });

  // Settings' privacy switches, both widths and themes.
  await alice.page.goto('/#/settings');
  await alice.page.getByTestId('privacy').scrollIntoViewIfNeeded();
  await bothThemes(env, alice.page, 'toolbox-privacy-desktop');
  await bob.page.goto('/#/settings');
  await bob.page.getByTestId('privacy').scrollIntoViewIfNeeded();
  await bothThemes(env, bob.page, 'toolbox-privacy-mobile');

  assertClean(alice);
  assertClean(bob);
}
