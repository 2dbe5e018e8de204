// Avatars between two browsers over the local network's file server: Alice sets a picture in
// Settings (squared and scaled in her browser, encrypted and uploaded), it shows there and in
// her list header; her next message carries it, and Bob's list and chat header show it,
// decoded from a `blob:` URL. Removing it brings the letter back on both sides.
import {
  assertClean, createAccount, newUser, openChat, receive, send, shot, until, waitSent,
  NET_TIMEOUT, MOBILE, DESKTOP,
} from '../lib/app.mjs';

export const name = 'avatars are set in Settings and shown to contacts';

/** A 900×600 picture painted by the browser (a face on a gradient), as PNG bytes. */
async function paintedPicture(page) {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 900;
    c.height = 600;
    const g = c.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 900, 600);
    sky.addColorStop(0, '#1e6fd9');
    sky.addColorStop(1, '#00c2a8');
    g.fillStyle = sky;
    g.fillRect(0, 0, 900, 600);
    g.fillStyle = '#ffd166';
    g.beginPath();
    g.arc(450, 300, 210, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#222';
    for (const x of [375, 525]) {
      g.beginPath();
      g.arc(x, 250, 26, 0, Math.PI * 2);
      g.fill();
    }
    g.lineWidth = 18;
    g.strokeStyle = '#222';
    g.beginPath();
    g.arc(450, 320, 110, 0.15 * Math.PI, 0.85 * Math.PI);
    g.stroke();
    return c.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

/** Waits until `img` shows a decoded picture from a `blob:` URL; its natural width. */
async function decodedBlob(what, img) {
  let width = 0;
  await until(what, async () => {
    if (!(await img.count())) return false;
    const [src, w] = await img.first().evaluate((el) => [el.src, el.complete ? el.naturalWidth : 0]);
    width = w;
    return src.startsWith('blob:') && w > 0;
  });
  return width;
}

async function bothSchemes(env, page, label) {
  for (const scheme of ['dark', 'light']) {
    await page.emulateMedia({ colorScheme: scheme });
    await shot(env, page, `${label}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'dark' });
}

export async function run(env) {
  const alice = await newUser(env, 'alice');
  const bob = await newUser(env, 'bob', MOBILE);
  const a = await createAccount(env, alice, 'Alice');
  const b = await createAccount(env, bob, 'Bob');

  // Alice picks a picture in Settings: it is squared and scaled to at most 600 px.
  const page = alice.page;
  await page.getByTestId('open-settings').click();
  await page.getByTestId('avatar-picker').waitFor();
  await shot(env, page, 'avatar-settings-empty-desktop-dark');
  await page.getByTestId('avatar-input').setInputFiles({
    name: 'me.png', mimeType: 'image/png', buffer: await paintedPicture(page),
  });
  const mine = page.locator('[data-testid=avatar-picker] img[data-testid=avatar-picture]');
  const side = await decodedBlob('our picture in Settings', mine);
  if (side !== 600) throw new Error(`our avatar is ${side} px wide, not 600`);
  await page.getByTestId('avatar-remove').waitFor();
  await decodedBlob('our picture in the list header',
    page.locator('[data-testid=open-settings] img[data-testid=avatar-picture]'));
  await bothSchemes(env, page, 'avatar-settings-desktop');
  await page.setViewportSize(MOBILE);
  await bothSchemes(env, page, 'avatar-settings-mobile');
  await page.setViewportSize(DESKTOP);

  // Her next message carries it; Bob's list and chat header show it.
  await openChat(page, b.id);
  await send(page, 'Hello, with a face');
  await waitSent(page, 'Hello, with a face');
  await receive(bob.page, a.id, 'Hello, with a face');
  // A first message from someone new is a request: Bob accepts it, so Alice lists.
  await bob.page.getByTestId('request-accept').click();
  await bob.page.getByTestId('request-bar').waitFor({ state: 'detached' });
  const header = bob.page.locator('.chat-header img[data-testid=avatar-picture]');
  await decodedBlob('Alice in Bob\'s chat header', header);
  await bothSchemes(env, bob.page, 'avatar-received-chat-mobile');
  await bob.page.getByTestId('chat-back').click();
  const item = bob.page.locator(`[data-testid=conversation-item][data-conv="${a.id}"] img[data-testid=avatar-picture]`);
  await decodedBlob('Alice in Bob\'s list', item);
  await bothSchemes(env, bob.page, 'avatar-received-list-mobile');
  await bob.page.setViewportSize(DESKTOP);
  await bob.page.locator(`[data-testid=conversation-item][data-conv="${a.id}"]`).click();
  await decodedBlob('Alice in Bob\'s chat header (desktop)', header);
  await bothSchemes(env, bob.page, 'avatar-received-desktop');

  // Alice removes it: her next message says she has none, and Bob shows her letter again.
  await page.getByTestId('open-settings').click();
  await page.getByTestId('avatar-remove').click();
  await until('our picture to go', async () => (await mine.count()) === 0);
  await openChat(page, b.id);
  await send(page, 'No face now');
  await waitSent(page, 'No face now');
  await receive(bob.page, a.id, 'No face now');
  await until('Alice\'s picture to go on Bob\'s side', async () => (await header.count()) === 0,
    NET_TIMEOUT);
  const letter = (await bob.page.locator('.chat-header .avatar').textContent()).trim();
  if (letter !== 'A') throw new Error(`Bob's header shows "${letter}", not Alice's letter`);
  await shot(env, bob.page, 'avatar-removed-desktop-dark');

  assertClean(alice);
  assertClean(bob);
}
