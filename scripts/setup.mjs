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

/** Debian packages each command needs, by the binary that proves each one is there. */
const debianPackages = {
  start: [],
  test: [
    { binary: '/usr/bin/etcd', pkg: 'etcd-server', why: 'the etcd backend tests run a real etcd' },
    { binary: '/usr/bin/containerd', pkg: 'containerd', why: 'the container runtime tests run a real containerd (and ctr)' },
    { binary: '/usr/sbin/runc', pkg: 'runc', why: 'containerd runs containers with runc' },
    { binary: '/usr/lib/cni/bridge', pkg: 'containernetworking-plugins', why: 'pod networking uses the CNI bridge plugin' },
    { binary: '/usr/bin/catatonit', pkg: 'catatonit', why: 'the built-in pause image is catatonit' },
    { binary: '/bin/busybox', pkg: 'busybox-static', why: 'the built-in busybox image' },
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
  if (!isRoot || !hasApt) {
    fail(`missing Debian packages: ${names.join(' ')} (${missing.map((m) => m.why).join('; ')}).\n` +
      `  Install them as root with: apt-get update && apt-get install -y ${names.join(' ')}`);
  }
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
