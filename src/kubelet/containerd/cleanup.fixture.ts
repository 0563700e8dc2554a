// Leaving a test containerd as found: every pod sandbox stopped and removed while containerd
// still runs, and, once it has stopped, any shim still serving its socket killed by PID (a shim
// whose sandbox was removed just before containerd stopped can miss its shutdown). For tests
// and benchmarks that run their own containerd; never for a containerd they did not start.

import { readdirSync, readFileSync } from 'node:fs';
import { CriClient } from '../cri/client.ts';

/** Stops and removes every pod sandbox of the containerd at `socket` (best effort; reports what failed). */
export async function removeAllSandboxes(socket: string): Promise<void> {
  const cri = new CriClient({ endpoint: `unix://${socket}`, timeoutMs: 20_000 });
  try {
    for (const sandbox of await cri.listPodSandbox()) {
      await cri.stopPodSandbox(sandbox.id).catch(() => undefined);
      await cri.removePodSandbox(sandbox.id).catch(() => undefined);
    }
  } catch (err) {
    process.stderr.write(`removing the sandboxes of ${socket} failed: ${err instanceof Error ? err.message : String(err)}\n`);
  } finally {
    cri.close();
  }
}

/** Kills (SIGKILL, by PID) every containerd-shim-runc-v2 whose command line names `socket`. */
export function killShims(socket: string): void {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string[];
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (!(cmdline[0] ?? '').endsWith('containerd-shim-runc-v2') || !cmdline.includes(socket)) continue;
    try {
      process.kill(Number(entry), 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
}
