// The images a node needs without a registry, assembled from Debian packages on the host:
// the pause (sandbox) image from catatonit, and busybox from busybox-static. Both binaries
// are static, so each image is the binary plus a few files.

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { pauseImage } from '../containerd/config.ts';
import type { ImageDefinition } from './oci.ts';
import type { TarEntry } from './tar.ts';

export const pauseImageNames = [pauseImage, 'k8ts.io/pause:3.10'] as const;
export const busyboxImageNames = ['docker.io/library/busybox:1.36', 'docker.io/library/busybox:latest'] as const;

export const catatonitPath = '/usr/bin/catatonit';
export const busyboxPath = '/bin/busybox';

/** Applets always linked in /bin (shells, probes, the demos); the binary's own list adds the rest. */
export const busyboxApplets = [
  'sh', 'ash', 'cat', 'chmod', 'cp', 'date', 'df', 'dirname', 'du', 'echo', 'env', 'false', 'find', 'grep', 'head',
  'hostname', 'httpd', 'id', 'ip', 'kill', 'ln', 'ls', 'mkdir', 'mv', 'nc', 'nslookup', 'ping', 'printf', 'ps', 'pwd',
  'rm', 'rmdir', 'sed', 'seq', 'sleep', 'sort', 'stat', 'tail', 'tee', 'test', 'top', 'touch', 'tr', 'true', 'uname',
  'uniq', 'vi', 'wc', 'wget', 'whoami', 'xargs', 'yes', 'awk', 'basename', 'expr', 'ifconfig', 'mount', 'netstat',
  'timeout', 'watch', 'which', 'tar', 'stty',
] as const;

async function readBinary(path: string, pkg: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${path} is missing: install the Debian package ${pkg}`);
    throw error;
  }
}

/** pause: catatonit as PID 1 that reaps children and waits for a signal (`-P`: pause mode). */
export async function pauseImageDefinition(): Promise<ImageDefinition> {
  const catatonit = await readBinary(catatonitPath, 'catatonit');
  return {
    names: pauseImageNames,
    files: [{ type: 'file', name: 'catatonit', data: catatonit, mode: 0o755 }],
    entrypoint: ['/catatonit', '-P'],
    env: [],
  };
}

/**
 * Every applet the busybox binary provides (`busybox --list`), after the fixed ones, so manifests
 * written for the real busybox image (dd, nslookup, base64, …) find their commands as there. A
 * binary that cannot list its applets gets the fixed ones only.
 */
export async function appletsOf(binary: string): Promise<string[]> {
  let listed: string[] = [];
  try {
    const { stdout } = await promisify(execFile)(binary, ['--list'], { timeout: 10_000, maxBuffer: 1 << 20 });
    listed = stdout.split('\n').map((l) => l.trim()).filter((l) => /^[A-Za-z0-9_.[-]+$/.test(l) && l !== 'busybox' && l !== '.' && l !== '..');
  } catch {
    // An older or unusual build: the fixed applets still make a usable image.
  }
  return [...new Set<string>([...busyboxApplets, ...listed.sort()])];
}

/** busybox: /bin/busybox, its applet links, root's passwd/group entries and a sticky /tmp. */
export async function busyboxImageDefinition(): Promise<ImageDefinition> {
  const busybox = await readBinary(busyboxPath, 'busybox-static');
  const applets = await appletsOf(busyboxPath);
  const text = (name: string, body: string): TarEntry => ({ type: 'file', name, data: Buffer.from(body), mode: 0o644 });
  const files: TarEntry[] = [
    { type: 'dir', name: 'bin' },
    { type: 'file', name: 'bin/busybox', data: busybox, mode: 0o755 },
    ...applets.map((applet): TarEntry => ({ type: 'symlink', name: `bin/${applet}`, target: 'busybox' })),
    { type: 'dir', name: 'etc' },
    text('etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n'),
    text('etc/group', 'root:x:0:\nnobody:x:65534:\n'),
    { type: 'dir', name: 'root', mode: 0o700 },
    { type: 'dir', name: 'tmp', mode: 0o1777 },
  ];
  return { names: busyboxImageNames, files, cmd: ['sh'] };
}
