// Voice messages between two browsers with Chromium's fake microphone: Alice clicks the
// microphone and records hands-free, Bob presses and holds on his phone; each sees the other's
// voice message, plays it (the length is known at once, the time moves), changes the speed and
// moves the position. Escape cancels a recording and sends nothing.
import {
  assertClean, listEntry, createAccount, newUser, openChat, shot, until, DESKTOP, MOBILE, NET_TIMEOUT,
} from '../lib/app.mjs';

export const name = 'voice messages are recorded, sent and played';

/** A fake microphone (a beeping tone) that needs no permission prompt. */
const MIC = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

/** Voice messages in the open chat; `status` narrows to ours in that delivery state. */
function voiceMessages(page, status) {
  const sel = status ? `[data-testid=message][data-status=${status}]` : '[data-testid=message]';
  return page.locator(sel).filter({ has: page.locator('[data-testid=att-audio][data-voice=true]') });
}

async function elapsed(page) {
  return (await page.getByTestId('voice-elapsed').textContent()).trim();
}

/** Shots of `page` in the dark and the light theme. */
async function shots(env, page, label) {
  for (const scheme of ['dark', 'light']) {
    await page.emulateMedia({ colorScheme: scheme });
    await shot(env, page, `${label}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'dark' });
}

/** Opens the chat with `fromId` once it lists, and waits for `count` voice messages. */
async function receiveVoice(page, fromId, count) {
  const item = await listEntry(page, fromId);
  if (!(await page.locator(`[data-testid=chat-view][data-conv="${fromId}"]`).count())) {
    await item.click();
  }
  await until(`${count} voice message(s)`, async () => (await voiceMessages(page).count()) >= count);
}

/** Plays the last voice message of the chat: length, time, speed and position. */
async function play(page) {
  const player = voiceMessages(page).last().getByTestId('att-audio');
  const audio = player.getByTestId('voice-audio');
  await until('the voice message to load', async () =>
    (await audio.evaluate((el) => el.readyState)) >= 1);
  // The file itself says how long it is (the app writes it into the recorder's WebM): a
  // fresh player knows at once, without playing it through.
  const duration = await audio.evaluate((el) => new Promise((resolve) => {
    const probe = new Audio();
    probe.preload = 'metadata';
    probe.onloadedmetadata = () => resolve(probe.duration);
    probe.onerror = () => resolve(-1);
    probe.src = el.src;
  }));
  if (!(Number.isFinite(duration) && duration > 1 && duration < 6)) {
    throw new Error(`the voice message is ${duration} s long`);
  }
  await until('the player to show the length', async () =>
    /^0:00 \/ 0:0[1-5]$/.test((await player.getByTestId('voice-time').textContent()).trim()));
  await player.getByTestId('voice-play').click();
  await until('the time to move', async () => (await audio.evaluate((el) => el.currentTime)) > 0.3);
  if (!/^Pause/.test(await player.getByTestId('voice-play').getAttribute('aria-label'))) {
    throw new Error('the play button does not offer to pause');
  }
  const speed = player.getByTestId('voice-speed');
  await speed.click();
  if ((await speed.textContent()).trim() !== '1.5×') throw new Error('the speed is not 1.5×');
  if ((await audio.evaluate((el) => el.playbackRate)) !== 1.5) throw new Error('not played at 1.5×');
  await speed.click();
  if ((await audio.evaluate((el) => el.playbackRate)) !== 2) throw new Error('not played at 2×');
  await speed.click();
  if ((await speed.textContent()).trim() !== '1×') throw new Error('the speed is not back to 1×');
  // Moving the bar moves the sound (paused, so that it stays there).
  if (!(await audio.evaluate((el) => el.paused))) await player.getByTestId('voice-play').click();
  await player.getByTestId('voice-seek').evaluate((el) => {
    el.value = String(Number(el.max) / 2);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await until('the position to follow the bar', async () => {
    const [t, d] = await audio.evaluate((el) => [el.currentTime, el.duration]);
    return Math.abs(t - d / 2) < 0.3;
  });
  return player;
}

export async function run(env) {
  const alice = await newUser(env, 'alice', DESKTOP, env.relay, MIC);
  const bob = await newUser(env, 'bob', MOBILE, env.relay, MIC);
  const a = await createAccount(env, alice, 'Alice');
  const b = await createAccount(env, bob, 'Bob');
  const page = alice.page;
  await openChat(page, b.id);

  // The microphone stands in for the send button while nothing is typed.
  const record = page.getByTestId('voice-record');
  await record.waitFor();
  await page.getByTestId('composer-input').fill('typing');
  await page.getByTestId('send').waitFor();
  if (await record.count()) throw new Error('the microphone shows next to typed text');
  await page.getByTestId('composer-input').fill('');

  // Escape cancels: nothing is sent.
  await record.click();
  await page.locator('[data-testid=voice-bar][data-phase=recording]').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('voice-bar').waitFor({ state: 'detached' });
  if (await page.getByTestId('message').count()) throw new Error('a cancelled recording was sent');

  // A click records hands-free, with the running time; the next click sends.
  await record.click();
  await page.locator('[data-testid=voice-bar][data-phase=recording]').waitFor();
  await until('the running time', async () => (await elapsed(page)) === '0:01');
  await shots(env, page, 'voice-recording-desktop');
  await until('two seconds', async () => (await elapsed(page)) === '0:02');
  await record.click();
  await page.getByTestId('voice-bar').waitFor({ state: 'detached' });
  await voiceMessages(page, 'sent').first().waitFor({ timeout: NET_TIMEOUT });
  await page.getByTestId('composer-input').waitFor({ state: 'visible' });

  // Bob gets it as a voice message and plays it.
  await receiveVoice(bob.page, a.id, 1);
  await play(bob.page);
  await bob.page.getByTestId('voice-speed').last().click();
  await shots(env, bob.page, 'voice-received-mobile');

  // On his phone Bob presses and holds; releasing sends.
  const hold = bob.page.getByTestId('voice-record');
  const box = await hold.boundingBox();
  await bob.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await bob.page.mouse.down();
  await bob.page.locator('[data-testid=voice-bar][data-phase=recording]').waitFor();
  await until('Bob to have held two seconds', async () => (await elapsed(bob.page)) === '0:02');
  await shots(env, bob.page, 'voice-recording-mobile');
  await bob.page.mouse.up();
  await bob.page.getByTestId('voice-bar').waitFor({ state: 'detached' });
  await voiceMessages(bob.page, 'sent').first().waitFor({ timeout: NET_TIMEOUT });

  // A press slid away from the button is cancelled.
  await bob.page.mouse.down();
  await bob.page.locator('[data-testid=voice-bar][data-phase=recording]').waitFor();
  await bob.page.mouse.move(box.x - 150, box.y - 150, { steps: 5 });
  await bob.page.getByTestId('voice-bar').waitFor({ state: 'detached' });
  await bob.page.mouse.up();
  if ((await voiceMessages(bob.page).count()) !== 2) throw new Error('a slid-away recording was sent');

  await receiveVoice(page, b.id, 2);
  await play(page);
  await shots(env, page, 'voice-received-desktop');
  assertClean(alice);
  assertClean(bob);
}
