#!/usr/bin/env node
// Set-up shared by `npm start` and `npm test` (their pre-scripts): checks Node.js, installs
// the npm dependencies when they are missing or stale, and the Debian packages the command
// needs. As root it installs what is missing; otherwise it says exactly what to install.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const purpose = process.argv[2] ?? 'start';

/** What the node agent (in `k8ts server`) needs to run containers. */
const nodePackages = [
  { binary: '/usr/bin/containerd', pkg: 'containerd', why: 'the node agent runs containers with containerd (and imports images with ctr)' },
  { binary: '/usr/sbin/runc', pkg: 'runc', why: 'containerd runs containers with runc' },
  { binary: '/usr/lib/cni/bridge', pkg: 'containernetworking-plugins', why: 'pod networking uses the CNI bridge, host-local and portmap plugins' },
  { binary: '/usr/bin/catatonit', pkg: 'catatonit', why: 'the built-in pause image is catatonit' },
  { binary: '/bin/busybox', pkg: 'busybox-static', why: 'the offline demo image is busybox' },
  { binary: '/usr/sbin/iptables', pkg: 'iptables', why: 'pod traffic leaving the node is masqueraded, hostPorts are mapped' },
];

/** Debian packages each command needs, by the binary that proves each one is there. */
const debianPackages = {
  // Without root the server still runs (its agent cannot): then only say what is missing.
  start: nodePackages,
  test: [
    { binary: '/usr/bin/etcd', pkg: 'etcd-server', why: 'the etcd backend tests run a real etcd' },
    { binary: '/usr/bin/containerd', pkg: 'containerd', why: 'the container runtime tests run a real containerd (and ctr)' },
    { binary: '/usr/sbin/runc', pkg: 'runc', why: 'containerd runs containers with runc' },
    { binary: '/usr/lib/cni/bridge', pkg: 'containernetworking-plugins', why: 'pod networking uses the CNI bridge plugin' },
    { binary: '/usr/bin/catatonit', pkg: 'catatonit', why: 'the built-in pause image is catatonit' },
    { binary: '/bin/busybox', pkg: 'busybox-static', why: 'the built-in busybox image' },
    { binary: '/usr/sbin/iptables', pkg: 'iptables', why: 'the node end-to-end tests masquerade pod traffic and map hostPorts' },
  ],
};

function say(message) {
  process.stderr.write(`k8ts setup: ${message}\n`);
}

function fail(message) {
  say(message);
  process.exit(1);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 11)) fail(`Node.js 20.11 or newer is needed, this is ${process.version}.`);

function npmDependenciesFresh() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return false;
  return statSync(installed).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs;
}

if (!npmDependenciesFresh()) {
  say('installing npm dependencies (npm ci) …');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (npm.status !== 0) fail('npm ci failed: see its output above.');
}

const missing = (debianPackages[purpose] ?? []).filter(({ binary }) => !existsSync(binary));
if (missing.length > 0) {
  const names = missing.map((m) => m.pkg);
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if ((!isRoot || !hasApt) && purpose === 'start') {
    say(`the node agent needs the Debian packages ${names.join(' ')} (${missing.map((m) => m.why).join('; ')}).\n` +
      `  Install them as root with: apt-get update && apt-get install -y ${names.join(' ')} — or run k8ts server --disable-agent.`);
  } else if (!isRoot || !hasApt) {
    fail(`missing Debian packages: ${names.join(' ')} (${missing.map((m) => m.why).join('; ')}).\n` +
      `  Install them as root with: apt-get update && apt-get install -y ${names.join(' ')}`);
  }
  if (isRoot && hasApt) installDebian(names, missing);
}

function installDebian(names, missing) {
  say(`installing Debian packages: ${names.join(' ')} …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: 'inherit', env });
  } catch {
    fail(`apt-get could not install ${names.join(' ')}: see its output above.`);
  }
  const still = missing.filter(({ binary }) => !existsSync(binary));
  if (still.length > 0) fail(`still missing after apt-get: ${still.map((m) => m.binary).join(', ')}`);
}

// `npm start` runs the server with its agent: make the demo busybox image available offline
// (DATA/agent/images/, imported by the agent at start) so the quick start needs no registry.
if (purpose === 'start' && existsSync('/bin/busybox') && existsSync('/usr/bin/catatonit')) {
  const dataDir = process.getuid?.() === 0 ? '/var/lib/k8ts' : join(process.env.HOME ?? '.', '.k8ts');
  if (!existsSync(join(dataDir, 'agent', 'images', 'busybox.tar'))) {
    say(`writing the offline demo images (busybox, pause) to ${join(dataDir, 'agent', 'images')} …`);
    const built = spawnSync(process.execPath, [join(root, 'bin', 'k8ts.js'), 'images', 'build-demo', '--data-dir', dataDir], { stdio: 'inherit' });
    if (built.status !== 0) fail('k8ts images build-demo failed: see its output above.');
  }
}
