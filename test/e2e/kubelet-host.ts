// Host set-up and clean-up for the kubelet end-to-end tests: what a node agent changes on the
// machine (a CNI bridge, net.ipv4.ip_forward, iptables chains from the bridge and portmap
// plugins, mounts under its data dir, running pods) is recorded before and undone after, so
// the tests leave the machine as they found it. Only what this test created is touched: its
// bridge, chains that did not exist before, mounts under its own data dir.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killShims, removeAllSandboxes } from '../../src/kubelet/containerd/cleanup.fixture.ts';
import { checkContainerdBinaries } from '../../src/kubelet/containerd/managed.ts';
import { freePort, run, TestServer } from './harness.ts';

const repoRoot = new URL('../..', import.meta.url).pathname;

const IP_FORWARD = '/proc/sys/net/ipv4/ip_forward';

/** Why the real-node tests cannot run here, or undefined. */
export function nodeSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root';
  try {
    checkContainerdBinaries();
    execFileSync('sh', ['-c', 'test -x /usr/bin/catatonit && test -x /bin/busybox && command -v iptables >/dev/null']);
  } catch (error) {
    return `needs containerd, runc, CNI plugins, catatonit, busybox-static, iptables: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

function natChains(): Set<string> {
  const out = execFileSync('iptables', ['-w', '-t', 'nat', '-S'], { encoding: 'utf8' });
  return new Set(out.split('\n').filter((l) => l.startsWith('-N ')).map((l) => l.slice(3).trim()));
}

export interface HostSnapshot {
  readonly ipForward: string;
  readonly chains: ReadonlySet<string>;
}

export function snapshotHost(): HostSnapshot {
  return { ipForward: readFileSync(IP_FORWARD, 'utf8'), chains: natChains() };
}

/** The containerd an agent on dataDir started, if it still runs (its PID file, confirmed in /proc). */
function containerdPid(dataDir: string): number | undefined {
  const dir = join(dataDir, 'agent', 'containerd');
  let pid: number;
  try {
    pid = Number(readFileSync(join(dir, 'containerd.pid'), 'utf8').trim());
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.includes(join(dir, 'config.toml')) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Tears a node down for good, once its agent is dead (killed, so nothing recreates pods): every
 * sandbox is stopped and removed through the containerd it left running, then that containerd
 * is stopped by PID and any shim still serving its socket is killed.
 */
export async function tearDownNode(dataDir: string): Promise<void> {
  const socket = join(dataDir, 'agent', 'containerd', 'containerd.sock');
  if (existsSync(socket)) await removeAllSandboxes(socket);
  const pid = containerdPid(dataDir);
  if (pid !== undefined) {
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100 && containerdPid(dataDir) !== undefined; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    if (containerdPid(dataDir) !== undefined) process.kill(pid, 'SIGKILL');
  }
  killShims(socket);
}

/** Undoes what the node changed: the bridge, ip_forward, new iptables chains of our pod range, mounts under dataDir. */
export function restoreHost(before: HostSnapshot, bridge: string, podRangePrefix: string, dataDir: string): void {
  try {
    execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
  } catch {
    // Never created.
  }
  writeFileSync(IP_FORWARD, before.ipForward);
  const rules = execFileSync('iptables', ['-w', '-t', 'nat', '-S'], { encoding: 'utf8' }).split('\n');
  for (const chain of natChains()) {
    if (before.chains.has(chain) || !chain.startsWith('CNI-')) continue;
    const own = rules.filter((r) => r.startsWith(`-A ${chain} `));
    // A chain another node on this machine uses meanwhile keeps its rules and stays.
    if (own.some((r) => !r.includes(podRangePrefix) && !/-j (CNI-|MASQUERADE|MARK|RETURN)/.test(r))) continue;
    for (const jump of rules.filter((r) => r.startsWith('-A ') && r.includes(`-j ${chain}`))) {
      try {
        // iptables -S quotes comments as a shell would: let the shell split the rule.
        execFileSync('sh', ['-c', `iptables -w -t nat ${jump.replace(/^-A /, '-D ')}`], { stdio: 'ignore' });
      } catch {
        // Removed already.
      }
    }
    try {
      execFileSync('iptables', ['-w', '-t', 'nat', '-F', chain], { stdio: 'ignore' });
      execFileSync('iptables', ['-w', '-t', 'nat', '-X', chain], { stdio: 'ignore' });
    } catch {
      // Still referenced by someone else's rule: leave it.
    }
  }
  const points = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((l) => l.split(' ')[4] ?? '')
    .filter((p) => p === dataDir || p.startsWith(`${dataDir}/`)).sort((a, b) => b.length - a.length);
  for (const point of points) execFileSync('umount', ['-l', point], { stdio: 'ignore' });
}

/** A `k8ts server` with its node agent on a temp data dir, and what is needed to undo it. */
export interface ServerWithNode {
  readonly server: TestServer;
  readonly dataDir: string;
  readonly host: HostSnapshot;
  readonly bridge: string;
}

/**
 * Starts `k8ts server` with its agent: the offline demo images written first, pods on `bridge`
 * with node ranges from `clusterCidr`, a free API and kubelet port each.
 */
export async function startServerWithNode(o: { bridge: string; clusterCidr: string; nodeName: string; extraArgs?: readonly string[] }): Promise<ServerWithNode> {
  const host = snapshotHost();
  const dataDir = mkdtempSync(join(tmpdir(), `k8ts-e2e-${o.nodeName}-`));
  const built = await run(process.execPath, [join(repoRoot, 'bin/k8ts.js'), 'images', 'build-demo', '--data-dir', dataDir]);
  if (built.code !== 0) throw new Error(`k8ts images build-demo failed: ${built.stderr}`);
  const args = ['--cluster-cidr', o.clusterCidr, '--cni-bridge', o.bridge, '--kubelet-port', String(await freePort()), '--node-name', o.nodeName, ...(o.extraArgs ?? [])];
  const server = await TestServer.start(args, { dataDir, port: await freePort() }, { agent: true });
  return { server, dataDir, host, bridge: o.bridge };
}

/**
 * Undoes startServerWithNode: the server killed (so its agent recreates nothing), every sandbox
 * removed, containerd stopped by PID, then the host restored and the data removed. `server` is
 * the latest handle when the test restarted it.
 */
export async function stopServerWithNode(s: ServerWithNode, server: TestServer, podRangePrefix: string): Promise<void> {
  await server.kill();
  await tearDownNode(s.dataDir);
  restoreHost(s.host, s.bridge, podRangePrefix, s.dataDir);
  rmSync(s.dataDir, { recursive: true, force: true });
}
