// Communities between two browsers and session-cli, through the relay and the local network's
// community server: Alice joins the lobby from the rooms the relay offers, Bob pastes its link
// (a mistyped one is refused first), the CLI joins; posts go every way with their authors'
// names and the moderator's badge; Bob and the CLI exchange blinded direct messages, Alice
// refuses message requests until she turns them on in Settings, then gets the CLI's as a
// request; Bob reacts to and replies to Alice's post, Alice posts a picture (fetched from the
// room's server), Bob deletes his own post,
// and Alice, a moderator, deletes his spam; the dev room's long history pages in as Bob scrolls
// up; Bob leaves it, and his second device (the CLI) follows his rooms both ways. Screenshots of each community screen, desktop and phone, light and dark.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../lib/cli.mjs';
import { png } from '../lib/png.mjs';
import {
  createAccount, DESKTOP, listEntry, message, MOBILE, NET_TIMEOUT, newUser, openMenu, send, shot,
  until, waitSent,
} from '../lib/app.mjs';

export const name = 'communities: join, post, react, reply, delete, moderate, page history, leave (two browsers and the CLI)';
export const needsCli = true;

/** Shots of `page` at desktop and phone widths, in both themes; its own size comes back. */
async function everywhere(env, page, label) {
  const own = page.viewportSize();
  for (const [width, size] of [['desktop', DESKTOP], ['phone', MOBILE]]) {
    await page.setViewportSize(size);
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await shot(env, page, `${label}-${width}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize(own);
}

/** The text of the element `locator` finds, or '' while there is none. */
async function textOf(locator) {
  return ((await locator.first().textContent({ timeout: 1_000 }).catch(() => '')) || '').trim();
}

/** Opens the join form from the new conversation screen. */
async function openJoin(page) {
  await page.getByTestId('new-conversation').click();
  await page.getByTestId('join-community').click();
  await page.getByTestId('join-community-screen').waitFor();
}

/** The open room's chat on `page`. */
function roomChat(page, token) {
  return page.locator(`[data-testid=chat-view][data-conv^="community:${token}@"]`);
}

/** Deletes the post `text` for everyone from its menu. */
async function deleteForEveryone(page, text) {
  await openMenu(page, text);
  await page.getByTestId('msg-action-delete-all').click();
  await page.getByTestId('msg-delete-confirm').waitFor();
  await page.getByTestId('msg-delete-confirm-confirm').click();
}

export async function run(env) {
  const profile = await mkdtemp(join(tmpdir(), 'session-e2e-communities-'));
  env.cleanup.push(() => rm(profile, { recursive: true, force: true }));
  await cli(env.cliBin, env.relay.url, profile, 'init', '--name', 'Terminal');
  const alice = await newUser(env, 'rooms-alice', DESKTOP);
  const bob = await newUser(env, 'rooms-bob', MOBILE);
  const a = await createAccount(env, alice, 'Alice');
  const b = await createAccount(env, bob, 'Bob');

  // The relay names the local server's rooms; the dev room gets a long history, and Alice
  // moderates the lobby.
  const info = await (await fetch(`${env.relay.url}/relay/v1/info`)).json();
  const lobby = info.communities.find((l) => /\/lobby\?public_key=[0-9a-f]{64}$/.test(l));
  const dev = info.communities.find((l) => /\/dev\?public_key=[0-9a-f]{64}$/.test(l));
  if (!lobby || !dev) throw new Error(`the relay offers no default rooms: ${JSON.stringify(info)}`);
  const server = lobby.slice(0, lobby.indexOf('/lobby?'));
  const seeded = await env.relay.admin('/admin/community/posts',
    { room: 'dev', count: 230, prefix: 'Old post', name: 'Archivist' });
  if (!/^15[0-9a-f]{64}$/.test(seeded.author)) throw new Error(`no history was posted: ${JSON.stringify(seeded)}`);
  await env.relay.admin('/admin/community/moderator', { session_id: a.id, room: 'lobby' });

  // Alice joins the lobby from the offered rooms.
  await openJoin(alice.page);
  const offered = alice.page.locator('[data-testid=offered-room][data-room=lobby]');
  await offered.waitFor({ timeout: NET_TIMEOUT });
  await everywhere(env, alice.page, 'communities-join');
  await offered.click();
  await roomChat(alice.page, 'lobby').waitFor({ timeout: NET_TIMEOUT });
  await until('the room\'s name in the header', async () =>
    (await textOf(alice.page.getByTestId('chat-title'))) === 'Lobby');

  // Bob pastes a mistyped link first (refused, nothing joined), then the real one.
  await openJoin(bob.page);
  await bob.page.getByTestId('community-link-input').fill(`${server}/lobby`);
  await bob.page.getByTestId('join-community-submit').click();
  await until('the mistyped link to be refused', async () =>
    /not a community link/i.test(await textOf(bob.page.getByTestId('community-error'))));
  await everywhere(env, bob.page, 'communities-join-error');
  await bob.page.getByTestId('community-link-input').fill(lobby);
  await bob.page.getByTestId('join-community-submit').click();
  await roomChat(bob.page, 'lobby').waitFor({ timeout: NET_TIMEOUT });

  // The CLI joins too.
  const joined = await cli(env.cliBin, env.relay.url, profile, 'community', 'join', lobby);
  if (joined.room !== 'lobby') throw new Error(`the CLI did not join: ${JSON.stringify(joined)}`);

  // Alice posts: Bob reads it under her name with her moderator badge, and so does the CLI.
  await send(alice.page, 'Welcome to the lobby');
  await waitSent(alice.page, 'Welcome to the lobby');
  const welcome = message(bob.page, 'Welcome to the lobby');
  await welcome.waitFor({ timeout: NET_TIMEOUT });
  await until('Alice\'s name above her post', async () =>
    (await textOf(welcome.getByTestId('msg-author'))).startsWith('Alice (15'));
  await welcome.getByTestId('mod-badge').waitFor();
  const read = await cli(env.cliBin, env.relay.url, profile, 'community', 'read', server, 'lobby');
  const seen = read.messages.find((m) => m.text === 'Welcome to the lobby');
  if (!seen || seen.name !== 'Alice') throw new Error(`the CLI did not read Alice's post: ${JSON.stringify(read)}`);

  // The CLI posts: both browsers show it under its name.
  await cli(env.cliBin, env.relay.url, profile, 'community', 'send', server, 'lobby', 'Hello from the terminal');
  for (const user of [alice, bob]) {
    const post = message(user.page, 'Hello from the terminal');
    await post.waitFor({ timeout: NET_TIMEOUT });
    await until(`${user.name} to see the CLI's name`, async () =>
      (await textOf(post.getByTestId('msg-author'))).startsWith('Terminal (15'));
  }

  // Bob writes to the CLI's account from its post: a blinded direct message through the
  // server's inbox, which the CLI opens (learning Bob's real Session ID) and answers the same
  // way; the answer continues Bob's conversation.
  await openMenu(bob.page, 'Hello from the terminal');
  await bob.page.getByTestId('msg-action-message-author').click();
  const dmChat = bob.page.locator('[data-testid=chat-view][data-conv^="15"]');
  await dmChat.waitFor();
  await until('the DM titled by the CLI\'s name', async () =>
    (await textOf(bob.page.getByTestId('chat-title'))) === 'Terminal');
  await send(bob.page, 'Psst, terminal');
  await waitSent(bob.page, 'Psst, terminal');
  let bobBlinded = null;
  await until('the CLI to open Bob\'s message', async () => {
    const box = await cli(env.cliBin, env.relay.url, profile, 'community', 'inbox', server);
    const got = box.messages.find((m) => m.text === 'Psst, terminal' && !m.outgoing);
    if (got && got.sender !== b.id) throw new Error(`the CLI saw another sender: ${JSON.stringify(got)}`);
    bobBlinded = got?.blinded_sender;
    return Boolean(got);
  });
  await cli(env.cliBin, env.relay.url, profile, 'community', 'dm', server, bobBlinded, 'Hi Bob, got it');
  await message(bob.page, 'Hi Bob, got it').waitFor({ timeout: NET_TIMEOUT });
  await everywhere(env, bob.page, 'communities-dm');
  await bob.page.getByTestId('chat-back').click();
  await bob.page.locator('[data-testid=conversation-item][data-conv^="community:lobby@"]').click();
  await roomChat(bob.page, 'lobby').waitFor();

  // Alice takes no message requests (the default): her posts say so, and Bob is told.
  await openMenu(bob.page, 'Welcome to the lobby');
  await bob.page.getByTestId('msg-action-message-author').click();
  await until('Bob to be told Alice takes no requests', async () =>
    /do not accept message requests/.test(await textOf(bob.page.getByTestId('toast'))));
  // A request the CLI sends her anyway is dropped; once she takes them, the next arrives as
  // a message request under the CLI's real Session ID.
  const aliceBlinded = seen.author;
  await cli(env.cliBin, env.relay.url, profile, 'community', 'dm', server, aliceBlinded, 'Ignored request');
  await new Promise((r) => setTimeout(r, 15_000));
  await alice.page.goto('/#/settings');
  await alice.page.getByTestId('community-requests').check();
  await alice.page.goto('/#/');
  if (await alice.page.getByTestId('requests-row').count()) throw new Error('a refused request was kept');
  await cli(env.cliBin, env.relay.url, profile, 'community', 'dm', server, aliceBlinded, 'A request from the terminal');
  const { session_id: cliId } = await cli(env.cliBin, env.relay.url, profile, 'whoami');
  const request = await listEntry(alice.page, cliId);
  await request.click();
  await message(alice.page, 'A request from the terminal').waitFor({ timeout: NET_TIMEOUT });
  if (await message(alice.page, 'Ignored request').count()) throw new Error('the refused request came back');
  await alice.page.getByTestId('chat-back').click().catch(() => {});
  await alice.page.goto('/#/');
  await alice.page.locator('[data-testid=conversation-item][data-conv^="community:lobby@"]').click();
  await roomChat(alice.page, 'lobby').waitFor();

  // Bob reacts to Alice's post; the server counts it and Alice sees the count.
  await openMenu(bob.page, 'Welcome to the lobby');
  await bob.page.getByTestId('quick-reaction').first().click();
  await until('Alice to see Bob\'s reaction counted', async () =>
    (await textOf(message(alice.page, 'Welcome to the lobby').getByTestId('reaction'))).includes('1'));
  // Alice adds hers: two.
  await message(alice.page, 'Welcome to the lobby').getByTestId('reaction').click();
  await until('Bob to see two reactions', async () =>
    (await textOf(message(bob.page, 'Welcome to the lobby').getByTestId('reaction'))).includes('2'));

  // Bob replies to Alice's post: she sees the reply with its quote.
  await openMenu(bob.page, 'Welcome to the lobby');
  await bob.page.getByTestId('msg-action-reply').click();
  await bob.page.getByTestId('reply-bar').waitFor();
  await send(bob.page, 'Glad to be here');
  await waitSent(bob.page, 'Glad to be here');
  const reply = message(alice.page, 'Glad to be here');
  await reply.waitFor({ timeout: NET_TIMEOUT });
  await until('the reply to quote Alice\'s post', async () =>
    (await textOf(reply.getByTestId('quote'))).includes('Welcome to the lobby'));
  // Alice posts a picture with a caption: it goes to the room's server in the clear, Bob's
  // app fetches it from there, and the CLI reads the caption.
  await alice.page.getByTestId('file-input').setInputFiles([
    { name: 'lobby.png', mimeType: 'image/png', buffer: png(320, 200) },
  ]);
  await alice.page.getByTestId('tray-item').waitFor();
  await alice.page.getByTestId('composer-input').fill('The lobby at night');
  await alice.page.getByTestId('send').click();
  await waitSent(alice.page, 'The lobby at night');
  await message(alice.page, 'The lobby at night').getByTestId('att-image').waitFor();
  const picture = message(bob.page, 'The lobby at night').locator('[data-testid=att-image] img');
  await picture.waitFor({ timeout: NET_TIMEOUT });
  await until('the room\'s picture to be decoded', async () =>
    (await picture.evaluate((el) => el.complete && el.naturalWidth)) === 320);
  const withFile = await cli(env.cliBin, env.relay.url, profile, 'community', 'read', server, 'lobby');
  if (!withFile.messages.some((m) => m.text === 'The lobby at night')) {
    throw new Error('the CLI did not read the picture\'s caption');
  }
  await everywhere(env, alice.page, 'communities-chat-moderator');
  await everywhere(env, bob.page, 'communities-chat');

  // Bob deletes his own post; Alice sees it go.
  await send(bob.page, 'Wrong room, sorry');
  await waitSent(bob.page, 'Wrong room, sorry');
  await message(alice.page, 'Wrong room, sorry').waitFor({ timeout: NET_TIMEOUT });
  await deleteForEveryone(bob.page, 'Wrong room, sorry');
  await until('Bob\'s own deletion to reach Alice', async () =>
    (await message(alice.page, 'Wrong room, sorry').count()) === 0);

  // Bob cannot delete Alice's post (not his, not a moderator): no such entry in its menu.
  await openMenu(bob.page, 'Welcome to the lobby');
  if (await bob.page.getByTestId('msg-action-delete-all').count()) {
    throw new Error('Bob was offered to delete Alice\'s post for everyone');
  }
  await bob.page.getByTestId('msg-menu').press('Escape');
  await bob.page.getByTestId('msg-menu').waitFor({ state: 'detached' });

  // Bob posts spam; Alice, a moderator, deletes it for everyone.
  await send(bob.page, 'Buy cheap coins');
  await waitSent(bob.page, 'Buy cheap coins');
  await message(alice.page, 'Buy cheap coins').waitFor({ timeout: NET_TIMEOUT });
  await deleteForEveryone(alice.page, 'Buy cheap coins');
  await until('the moderator\'s deletion to reach Bob', async () =>
    (await message(bob.page, 'Buy cheap coins').count()) === 0);
  const after = await cli(env.cliBin, env.relay.url, profile, 'community', 'read', server, 'lobby');
  if (after.messages.some((m) => m.text === 'Buy cheap coins')) {
    throw new Error('the CLI still reads the deleted spam');
  }

  // Bob joins dev: its newest posts first, older pages as he scrolls up, down to the first.
  await bob.page.getByTestId('chat-back').click();
  await openJoin(bob.page);
  await bob.page.locator('[data-testid=offered-room][data-room=dev]').click();
  await roomChat(bob.page, 'dev').waitFor({ timeout: NET_TIMEOUT });
  await message(bob.page, 'Old post 230').waitFor({ timeout: NET_TIMEOUT });
  if (await message(bob.page, 'Old post 1').count()) throw new Error('the whole history came at once');
  for (let i = 0; i < 10 && !(await message(bob.page, 'Old post 1').count()); i += 1) {
    const earlier = bob.page.getByTestId('load-earlier');
    // The button goes when the first post has come, which can be between the check above and
    // the click: a click that finds it gone (or still busy with the last page) is not a failure.
    await earlier.click({ timeout: 10_000 }).catch(async (e) => {
      if (await earlier.isEnabled().catch(() => false)) throw e;
    });
    await until('a page of older posts', async () =>
      !(await bob.page.getByTestId('load-earlier').isDisabled().catch(() => false)));
  }
  await message(bob.page, 'Old post 1').waitFor({ timeout: NET_TIMEOUT });
  await until('every post to have come', async () =>
    (await bob.page.locator('[data-testid=message]').count()) === 230);
  await bob.page.getByTestId('load-earlier').waitFor({ state: 'detached' });
  await everywhere(env, bob.page, 'communities-history');

  // Bob leaves dev: it leaves his list; the lobby stays.
  await bob.page.getByTestId('conv-menu-open').click();
  await bob.page.getByTestId('conv-menu-leave').click();
  await bob.page.getByTestId('leave-community-dialog').waitFor();
  await everywhere(env, bob.page, 'communities-leave');
  await bob.page.getByTestId('leave-community-dialog-confirm').click();
  await bob.page.getByTestId('conversation-list').waitFor();
  await until('dev to leave Bob\'s list', async () =>
    (await bob.page.locator('[data-testid=conversation-item][data-conv^="community:dev@"]').count()) === 0);
  await bob.page.locator('[data-testid=conversation-item][data-conv^="community:lobby@"]').waitFor();
  await everywhere(env, bob.page, 'communities-list');

  // Bob's rooms ride in his account's settings: his second device (the CLI, restored from his
  // phrase) lists the lobby and not dev; when it joins dev again, his browser follows.
  const bobsCli = await mkdtemp(join(tmpdir(), 'session-e2e-communities-bob-'));
  env.cleanup.push(() => rm(bobsCli, { recursive: true, force: true }));
  await cli(env.cliBin, env.relay.url, bobsCli, 'restore', '--words', b.phrase);
  await until('Bob\'s second device to list his rooms', async () => {
    const { communities } = await cli(env.cliBin, env.relay.url, bobsCli, 'community', 'list');
    const rooms = communities.map((c) => c.room);
    return rooms.includes('lobby') && !rooms.includes('dev');
  });
  await cli(env.cliBin, env.relay.url, bobsCli, 'community', 'join', dev);
  await bob.page.locator('[data-testid=conversation-item][data-conv^="community:dev@"]')
    .waitFor({ timeout: NET_TIMEOUT });
}
