// The browser and session-cli chat both ways; the CLI's account, which has no display name,
// restored in a browser asks for one there, and the name chosen reaches the CLI.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../lib/cli.mjs';
import {
  assertClean, createAccount, newUser, openChat, receive, send, shot, until, waitSent,
  DESKTOP, MOBILE,
} from '../lib/app.mjs';

export const name = 'browser and session-cli chat both ways';
export const needsCli = true;

export async function run(env) {
  const profile = await mkdtemp(join(tmpdir(), 'session-e2e-cli-'));
  env.cleanup.push(() => rm(profile, { recursive: true, force: true }));
  const url = env.relay.url;
  const { mnemonic } = await cli(env.cliBin, url, profile, 'init');
  const { session_id: cliId } = await cli(env.cliBin, url, profile, 'whoami');

  const web = await newUser(env, 'web');
  const w = await createAccount(env, web, 'Web user');
  await openChat(web.page, cliId);
  await send(web.page, 'Hello terminal, from the browser');
  await waitSent(web.page, 'Hello terminal, from the browser');

  let got = [];
  await until('the CLI to receive the browser\'s message', async () => {
    got = got.concat(await cli(env.cliBin, url, profile, 'receive'));
    return got.some((m) => m.from === w.id && m.text === 'Hello terminal, from the browser');
  });

  const sent = await cli(env.cliBin, url, profile, 'send', w.id, 'Hello browser, from the terminal');
  if (!sent.hash || !sent.timestamp) throw new Error(`unexpected send output ${JSON.stringify(sent)}`);
  await receive(web.page, cliId, 'Hello browser, from the terminal');

  // The CLI's account in a browser: no name in its settings, so the browser asks for one.
  const second = await newUser(env, 'cli-account-in-browser', MOBILE);
  const page = second.page;
  await page.goto('/');
  await page.getByTestId('restore-account').click();
  await page.getByTestId('restore-phrase').fill(mnemonic);
  await page.getByTestId('restore-continue').click();
  await page.getByTestId('name-prompt').waitFor();
  // The conversation with the web user came with the account's messages.
  await page.locator(`[data-testid=conversation-item][data-conv="${w.id}"]`).waitFor({ timeout: 30_000 });
  for (const scheme of ['dark', 'light']) {
    await page.emulateMedia({ colorScheme: scheme });
    await shot(env, page, `restore-nameless-mobile-${scheme}`);
  }
  await page.setViewportSize(DESKTOP);
  await shot(env, page, 'restore-nameless-desktop-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('name-prompt-input').fill('Terminal user');
  await page.getByTestId('name-prompt-save').click();
  await page.getByTestId('name-prompt').waitFor({ state: 'detached' });
  await until('the name chosen in the browser to reach the CLI', async () =>
    (await cli(env.cliBin, url, profile, 'profile')).display_name === 'Terminal user');
  assertClean(web);
  assertClean(second);
}
