// Starts and stops session-relay processes (local network embedded) for the tests.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Starts `session-relay --network local` serving `dist`. Resolves once it prints its address.
 * Pass `port` and `dataDir` to restart a stopped relay in the same place.
 */
export async function startRelay({ bin, dist, port, dataDir, log = () => {} }) {
  const ownDir = !dataDir;
  dataDir = dataDir ?? (await mkdtemp(join(tmpdir(), 'session-e2e-relay-')));
  // Port 0 lets the relay bind any free port and print it: a port chosen here and released
  // could be taken by the local network's own nodes before the relay binds it. The admin
  // endpoint (fault injection, loopback only) likewise.
  const args = ['--network', 'local', '--listen', `127.0.0.1:${port ?? 0}`, '--dist', dist,
    '--data-dir', dataDir, '--local-admin-port', '0'];
  const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start in 120 s:\n${output}`)), 120_000);
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(`[relay${port ? `:${port}` : ""}] ${line}`);
      // Only a finished line: a read can end in the middle of the address.
      const m = output.match(/listening on (http:\/\/\S+)[^\n]*\n/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ''));
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited with ${code}:\n${output}`));
    });
  });
  proc.removeAllListeners('exit');
  const admin = output.match(/local network admin on (http:\/\/\S+)/);
  if (!admin) throw new Error(`the relay did not print its admin endpoint:\n${output}`);
  const adminUrl = admin[1].replace(/\/$/, '');
  port = Number(new URL(url).port);
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  return {
    url,
    port,
    dataDir,
    /** Posts to the local network's admin endpoint (`/admin/…`, JSON body); its JSON answer. */
    async admin(path, body) {
      const r = await fetch(`${adminUrl}${path}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`admin ${path} answered ${r.status}: ${await r.text()}`);
      return r.json().catch(() => ({}));
    },
    /** Stops the process (the data folder stays for a restart). */
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
    },
    /** Stops it and removes its data. */
    async dispose() {
      await this.stop();
      if (ownDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
