// Attachments through the local network's file server, between two browsers and between a
// browser and session-cli: a picture with a caption (shown inline, full size in the lightbox,
// kept so that a reload shows it without the network), a file from the browser to the CLI, and
// a file from the CLI to the browser, saved under its name with the same bytes.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../lib/cli.mjs';
import { png } from '../lib/png.mjs';
import {
  assertClean, createAccount, message, newUser, openChat, receive, shot, until, waitSent,
  NET_TIMEOUT, MOBILE,
} from '../lib/app.mjs';

export const name = 'pictures and files travel between browsers and the CLI';
export const needsCli = true;

/** The bubble whose caption (or text) is `text`. */
function bubble(page, text) {
  return page.locator('[data-testid=message]').filter({
    has: page.getByTestId('message-text').getByText(text, { exact: true }),
  });
}

/** Chooses `files` ({name, mimeType, buffer}) in the composer, types `text` and sends. */
async function sendFiles(env, page, files, text, shotName) {
  await page.getByTestId('file-input').setInputFiles(files);
  await page.getByTestId('tray-item').nth(files.length - 1).waitFor();
  if (text) await page.getByTestId('composer-input').fill(text);
  if (shotName) await shot(env, page, shotName);
  await page.getByTestId('send').click();
}

export async function run(env) {
  const profile = await mkdtemp(join(tmpdir(), 'session-e2e-files-'));
  env.cleanup.push(() => rm(profile, { recursive: true, force: true }));
  const url = env.relay.url;
  await cli(env.cliBin, url, profile, 'init');
  const { session_id: cliId } = await cli(env.cliBin, url, profile, 'whoami');

  const alice = await newUser(env, 'alice');
  const bob = await newUser(env, 'bob', MOBILE);
  const a = await createAccount(env, alice, 'Alice');
  const b = await createAccount(env, bob, 'Bob');

  // A picture with a caption, browser to browser.
  const picture = png(480, 320);
  await openChat(alice.page, b.id);
  await sendFiles(env, alice.page, [
    { name: 'holiday.png', mimeType: 'image/png', buffer: picture },
    { name: 'route.gpx', mimeType: 'application/gpx+xml', buffer: Buffer.from('<gpx/>') },
  ], 'The view from the hut', 'attachment-tray-desktop-dark');
  await shot(env, alice.page, 'attachment-sending-desktop-dark');
  await waitSent(alice.page, 'The view from the hut');
  // Our own picture shows from the start, from the file kept when it was chosen.
  await bubble(alice.page, 'The view from the hut').getByTestId('att-image').waitFor();

  await receive(bob.page, a.id, 'The view from the hut');
  const img = bubble(bob.page, 'The view from the hut').locator('[data-testid=att-image] img');
  await img.waitFor({ timeout: NET_TIMEOUT });
  await until('the picture to be decoded', async () =>
    (await img.evaluate((el) => el.complete && el.naturalWidth)) === 480);
  if (!(await img.getAttribute('src')).startsWith('blob:')) throw new Error('not a blob: URL');
  // The sender measured the picture: its size travels in the pointer.
  if ((await img.getAttribute('width')) !== '480' || (await img.getAttribute('height')) !== '320') {
    throw new Error(`pointer size ${await img.getAttribute('width')}×${await img.getAttribute('height')}`);
  }
  for (const scheme of ['dark', 'light']) {
    await bob.page.emulateMedia({ colorScheme: scheme });
    await shot(env, bob.page, `attachment-received-mobile-${scheme}`);
  }
  await bob.page.emulateMedia({ colorScheme: 'dark' });
  await img.click();
  await bob.page.getByTestId('lightbox').waitFor();
  await shot(env, bob.page, 'attachment-lightbox-mobile-dark');
  await bob.page.getByTestId('lightbox-close').click();
  await bob.page.getByTestId('lightbox').waitFor({ state: 'detached' });

  // A large picture shows inline through a smaller copy made in the browser; the lightbox has
  // the original.
  await sendFiles(env, alice.page, [{ name: 'noise.png', mimeType: 'image/png', buffer: png(900, 700, true) }],
    'Static');
  await waitSent(alice.page, 'Static');
  await message(bob.page, 'Static').waitFor({ timeout: NET_TIMEOUT });
  const large = bubble(bob.page, 'Static').locator('[data-testid=att-image] img');
  await until('the large picture to show', async () =>
    (await large.count()) > 0 && (await large.evaluate((el) => el.complete && el.naturalWidth)) > 0);
  const inline = await large.evaluate((el) => [el.naturalWidth, el.naturalHeight]);
  if (inline[0] !== 640 || inline[1] !== 498) throw new Error(`inline copy is ${inline}`);
  await large.click();
  const full = bob.page.getByTestId('lightbox').locator('img');
  await until('the original in the lightbox', async () =>
    (await full.evaluate((el) => el.complete && el.naturalWidth)) === 900);
  await bob.page.getByTestId('lightbox-close').click();

  // A file server that changes a byte of what it serves: the picture is refused, nothing is
  // kept, and it says why.
  await env.relay.admin('/admin/fileserver/corrupt', { on: true });
  await sendFiles(env, alice.page, [{ name: 'tampered.png', mimeType: 'image/png', buffer: png(64, 64) }],
    'Changed on the way');
  await waitSent(alice.page, 'Changed on the way');
  await message(bob.page, 'Changed on the way').waitFor({ timeout: NET_TIMEOUT });
  const refused = bubble(bob.page, 'Changed on the way').getByTestId('att-failed');
  await refused.waitFor({ timeout: NET_TIMEOUT });
  if (!/digest/.test(await refused.textContent())) {
    throw new Error(`refused for another reason: ${await refused.textContent()}`);
  }
  if (await bubble(bob.page, 'Changed on the way').getByTestId('att-image').count()) {
    throw new Error('a tampered picture was shown');
  }
  await shot(env, bob.page, 'attachment-refused-mobile-dark');
  await env.relay.admin('/admin/fileserver/corrupt', { on: false });

  // After a reload the picture comes from the kept files: no onion request is let through.
  await bob.page.route('**/relay/v1/onion/**', (r) => r.abort());
  await bob.page.reload();
  await bob.page.locator(`[data-testid=chat-view][data-conv="${a.id}"]`).waitFor();
  await until('the kept picture to show after a reload', async () =>
    (await img.count()) > 0 && (await img.evaluate((el) => el.complete && el.naturalWidth)) === 480);
  await bob.page.unroute('**/relay/v1/onion/**');
  bob.problems = bob.problems.filter((p) => !/ERR_FAILED|Failed to fetch/.test(p));

  // Settings say what the kept files take, and remove them.
  await bob.page.goto('/#/settings');
  const usage = bob.page.getByTestId('storage-usage');
  await until('the kept files to be measured', async () =>
    /kept in this browser \(2 files\)/.test(await usage.textContent()));
  await bob.page.getByTestId('storage-panel').scrollIntoViewIfNeeded();
  for (const scheme of ['dark', 'light']) {
    await bob.page.emulateMedia({ colorScheme: scheme });
    await shot(env, bob.page, `attachment-storage-mobile-${scheme}`);
  }
  await bob.page.emulateMedia({ colorScheme: 'dark' });
  await bob.page.getByTestId('storage-clear').click();
  await until('the kept files to be removed', async () =>
    /No attachments are kept/.test(await usage.textContent()));

  // A large file on a slow link: the upload shows its progress, can be cancelled (the message
  // is left failed, nothing is sent) and retried.
  const cdp = await alice.context.newCDPSession(alice.page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 400 * 1024,
  });
  const big = Buffer.alloc(2_000_000, 7);
  await sendFiles(env, alice.page, [{ name: 'big.bin', mimeType: 'application/octet-stream', buffer: big }],
    'A big one');
  const uploading = bubble(alice.page, 'A big one').getByTestId('uploading');
  await until('the upload to show its progress', async () => {
    const text = (await uploading.count()) ? await uploading.textContent() : '';
    const pct = Number((/(\d+)%/.exec(text) ?? [])[1]);
    return pct > 0 && pct < 100;
  });
  await shot(env, alice.page, 'attachment-uploading-desktop-dark');
  await bubble(alice.page, 'A big one').getByTestId('upload-cancel').click();
  await until('the cancelled message to show as failed', async () =>
    (await bubble(alice.page, 'A big one').getAttribute('data-status')) === 'failed');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1,
  });
  await bubble(alice.page, 'A big one').getByTestId('retry').click();
  await waitSent(alice.page, 'A big one');
  await bob.page.goto('/#/');
  await receive(bob.page, a.id, 'A big one');
  // Its download on a slow link shows its progress too, then the file is there to save.
  const bobCdp = await bob.context.newCDPSession(bob.page);
  await bobCdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 0, downloadThroughput: 400 * 1024, uploadThroughput: -1,
  });
  const bigRow = bubble(bob.page, 'A big one');
  await bigRow.getByTestId('att-download').click();
  await until('the download to show its progress', async () => {
    const loading = bigRow.getByTestId('att-loading');
    const text = (await loading.count()) ? await loading.textContent() : '';
    const pct = Number((/(\d+)%/.exec(text) ?? [])[1]);
    return pct > 0 && pct < 100;
  });
  await shot(env, bob.page, 'attachment-downloading-mobile-dark');
  await bigRow.getByTestId('att-save').waitFor({ timeout: NET_TIMEOUT });
  await bobCdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1,
  });
  // The aborted request shows up as a failed request; nothing else may go wrong.
  alice.problems = alice.problems.filter((p) => !/ERR_ABORTED/.test(p));

  // A file from the browser to the CLI.
  const notes = Buffer.from('Packing list:\n- boots\n- tea\n');
  await openChat(alice.page, cliId);
  await sendFiles(env, alice.page, [{ name: 'packing.txt', mimeType: 'text/plain', buffer: notes }],
    'The list');
  await waitSent(alice.page, 'The list');
  const downloads = join(profile, 'downloads');
  let got = [];
  await until('the CLI to receive the file', async () => {
    got = got.concat(await cli(env.cliBin, url, profile, 'receive', '--download-dir', downloads));
    return got.some((m) => m.text === 'The list');
  });
  const att = got.find((m) => m.text === 'The list').attachments[0];
  if (!att || att.name !== 'packing.txt' || att.digest_ok !== true) {
    throw new Error(`unexpected attachment ${JSON.stringify(att)}`);
  }
  if (!(await readFile(att.path)).equals(notes)) throw new Error('the CLI saved other bytes');

  // A file from the CLI to the browser, saved there under its name.
  const report = Buffer.from('%PDF-1.4\n% not much of a report\n');
  const reportPath = join(profile, 'report.pdf');
  await writeFile(reportPath, report);
  await cli(env.cliBin, url, profile, 'send', a.id, 'The report', '--attach', reportPath);
  await receive(alice.page, cliId, 'The report');
  const row = bubble(alice.page, 'The report');
  await row.getByTestId('att-name').getByText('report.pdf').waitFor();
  await row.getByTestId('att-download').click();
  const save = row.getByTestId('att-save');
  await save.waitFor({ timeout: NET_TIMEOUT });
  await shot(env, alice.page, 'attachment-file-desktop-dark');
  const [download] = await Promise.all([alice.page.waitForEvent('download'), save.click()]);
  if (download.suggestedFilename() !== 'report.pdf') {
    throw new Error(`saved as ${download.suggestedFilename()}`);
  }
  if (!(await readFile(await download.path())).equals(report)) {
    throw new Error('the browser saved other bytes');
  }
  assertClean(alice);
  assertClean(bob);
}
