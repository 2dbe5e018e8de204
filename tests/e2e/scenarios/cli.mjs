// The browser and session-cli chat both ways.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../lib/cli.mjs';
import {
  assertClean, createAccount, newUser, openChat, receive, send, until, waitSent,
} from '../lib/app.mjs';

export const name = 'browser and session-cli chat both ways';
export const needsCli = true;

export async function run(env) {
  const profile = await mkdtemp(join(tmpdir(), 'session-e2e-cli-'));
  env.cleanup.push(() => rm(profile, { recursive: true, force: true }));
  const url = env.relay.url;
  await cli(env.cliBin, url, profile, 'init');
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
  assertClean(web);
}
