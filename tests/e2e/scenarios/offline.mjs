// With the relay stopped, the installed shell loads from the service worker and shows the
// stored conversation; what is typed offline is kept and sent once the relay is back.
import {
  assertClean, createAccount, message, newUser, openChat, receive, send, shot, until, waitSent,
  NET_TIMEOUT,
} from '../lib/app.mjs';
import { startRelay } from '../lib/relay.mjs';

export const name = 'offline: the shell loads from the service worker, then reconnects';

export async function run(env) {
  const relay = await startRelay({ bin: env.relayBin, dist: env.dist, log: env.log });
  env.cleanup.push(() => relay.dispose());
  const alice = await newUser(env, 'alice', undefined, relay);
  const bob = await newUser(env, 'bob', undefined, relay);
  const a = await createAccount(env, alice, 'Alice');
  const b = await createAccount(env, bob, 'Bob');
  await openChat(alice.page, b.id);
  await send(alice.page, 'Stored before the outage');
  await waitSent(alice.page, 'Stored before the outage');
  await receive(bob.page, a.id, 'Stored before the outage');

  // The service worker controls the page and holds the shell.
  await alice.page.reload();
  await until('the service worker to control the page', () =>
    alice.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const cache = await caches.open('session-web-shell-v1');
      return !!navigator.serviceWorker.controller && !!(await cache.match('/index.html'));
    }), 30_000);

  await relay.stop();
  await alice.page.reload();
  await message(alice.page, 'Stored before the outage').waitFor();
  await alice.page.getByTestId('network-banner').waitFor({ timeout: NET_TIMEOUT });
  await shot(env, alice.page, 'offline-banner-desktop-dark');

  // Typed while offline: kept, marked failed (or still sending), never lost.
  await send(alice.page, 'Written while offline');
  await message(alice.page, 'Written while offline').waitFor();
  await until('the offline message to fail', async () =>
    (await message(alice.page, 'Written while offline').getAttribute('data-status')) === 'failed');
  await shot(env, alice.page, 'offline-failed-message-desktop-dark');

  // The relay comes back: the banner goes, the message is sent, Bob gets it once.
  const again = await startRelay({
    bin: env.relayBin, dist: env.dist, port: relay.port, dataDir: relay.dataDir, log: env.log,
  });
  env.cleanup.push(() => again.stop());
  await alice.page.getByTestId('network-banner').waitFor({ state: 'detached', timeout: NET_TIMEOUT });
  await waitSent(alice.page, 'Written while offline');
  await receive(bob.page, a.id, 'Written while offline');
  const n = await message(bob.page, 'Written while offline').count();
  if (n !== 1) throw new Error(`Bob sees the offline message ${n} times`);
  await shot(env, alice.page, 'reconnected-desktop-dark');
  // The failed fetches while the relay was down are expected; nothing else may go wrong.
  alice.problems = alice.problems.filter((p) => !/Failed to fetch|ERR_CONNECTION_REFUSED/.test(p));
  assertClean(alice);
  assertClean(bob);
}
