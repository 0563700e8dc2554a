// Host clean-up for the kubelet benchmark. The node teardown of the end-to-end tests
// (test/e2e/kubelet-host.ts: snapshot of ip_forward and the nat chains, sandboxes removed,
// containerd stopped by PID, bridge and new CNI chains removed, mounts under the data dir
// unmounted) and the shim sweep for a containerd that is not an agent's (the CRI floor's) are
// reused as they are, so the benchmark leaves the machine as the tests do.

export { restoreHost, snapshotHost, tearDownNode, type HostSnapshot } from '../../test/e2e/kubelet-host.ts';
export { killShims } from '../../src/kubelet/containerd/cleanup.fixture.ts';

/** Clean-ups still owed, run in reverse order if the benchmark is interrupted (SIGINT, SIGTERM). */
const owed = new Set<() => Promise<void>>();
let interrupted = false;

/** Registers a clean-up to run on an interrupt; the function returned unregisters it. */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  if (owed.size === 0 && !interrupted) {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void interrupt(sig));
  }
  owed.add(cleanup);
  return () => owed.delete(cleanup);
}

async function interrupt(sig: NodeJS.Signals): Promise<void> {
  if (interrupted) return;
  interrupted = true;
  process.stderr.write(`bench/kubelet: ${sig}: cleaning up\n`);
  for (const cleanup of [...owed].reverse()) await cleanup().catch(() => undefined);
  process.exit(130);
}
