// Runs session-cli chat commands (they print JSON).
import { execFile } from 'node:child_process';

export function cli(bin, relayUrl, profileDir, ...args) {
  return new Promise((resolve, reject) => {
    execFile(bin, ['--relay', relayUrl, '--profile', profileDir, ...args],
      { timeout: 120_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`session-cli ${args[0]} failed: ${err.message}\n${stderr}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout));
        } catch (e) {
          reject(new Error(`session-cli ${args[0]} printed no JSON: ${stdout}\n${stderr}`));
        }
      });
  });
}
