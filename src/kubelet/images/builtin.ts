// The images a node needs without a registry, assembled from Debian packages on the host:
// the pause (sandbox) image from catatonit, and busybox from busybox-static. Both binaries
// are static, so each image is the binary plus a few files.

import { readFile } from 'node:fs/promises';
import { pauseImage } from '../containerd/config.ts';
import type { ImageDefinition } from './oci.ts';
import type { TarEntry } from './tar.ts';

export const pauseImageNames = [pauseImage, 'k8ts.io/pause:3.10'] as const;
export const busyboxImageNames = ['docker.io/library/busybox:1.36', 'docker.io/library/busybox:latest'] as const;

export const catatonitPath = '/usr/bin/catatonit';
export const busyboxPath = '/bin/busybox';

/** Applets linked in /bin; enough for shells, probes and the demos. */
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

/** busybox: /bin/busybox, its applet links, root's passwd/group entries and a sticky /tmp. */
export async function busyboxImageDefinition(): Promise<ImageDefinition> {
  const busybox = await readBinary(busyboxPath, 'busybox-static');
  const text = (name: string, body: string): TarEntry => ({ type: 'file', name, data: Buffer.from(body), mode: 0o644 });
  const files: TarEntry[] = [
    { type: 'dir', name: 'bin' },
    { type: 'file', name: 'bin/busybox', data: busybox, mode: 0o755 },
    ...busyboxApplets.map((applet): TarEntry => ({ type: 'symlink', name: `bin/${applet}`, target: 'busybox' })),
    { type: 'dir', name: 'etc' },
    text('etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n'),
    text('etc/group', 'root:x:0:\nnobody:x:65534:\n'),
    { type: 'dir', name: 'root', mode: 0o700 },
    { type: 'dir', name: 'tmp', mode: 0o1777 },
  ];
  return { names: busyboxImageNames, files, cmd: ['sh'] };
}
