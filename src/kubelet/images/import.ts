// Getting archives into containerd: written to disk by writeImageArchive, imported into the
// CRI plugin's namespace (k8s.io) with `ctr images import` — the CRI has no import call, and
// ctr ships with Debian's containerd package. The CRI plugin sees the images at once.

import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildOciArchive, type BuiltImage, type ImageDefinition } from './oci.ts';

/** The containerd namespace the CRI plugin uses. */
export const criNamespace = 'k8s.io';

/** Builds `definition` and writes it as DIR/FILE; returns the path and what was built. */
export async function writeImageArchive(dir: string, fileName: string, definition: ImageDefinition): Promise<{ path: string; image: BuiltImage }> {
  const image = buildOciArchive(definition);
  await mkdir(dir, { recursive: true });
  const path = join(dir, fileName);
  await writeFile(path, image.archive);
  return { path, image };
}

export interface ImportOptions {
  /** containerd's socket path (not a unix:// URL); default /run/containerd/containerd.sock. */
  readonly address?: string;
  readonly ctrBinary?: string;
  readonly signal?: AbortSignal;
}

/** Imports one OCI or Docker archive into the k8s.io namespace (unpacked for overlayfs). */
export function importImageArchive(file: string, options: ImportOptions = {}): Promise<string> {
  const address = (options.address ?? '/run/containerd/containerd.sock').replace(/^unix:\/\//, '');
  const args = ['-n', criNamespace, '--address', address, 'images', 'import', '--snapshotter', 'overlayfs', file];
  return new Promise((resolve, reject) => {
    execFile(options.ctrBinary ?? 'ctr', args, { ...(options.signal === undefined ? {} : { signal: options.signal }), timeout: 300_000 }, (error, stdout, stderr) => {
      if (error === null) {
        resolve(stdout);
        return;
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error('ctr not found: install the Debian package containerd (it ships ctr)'));
        return;
      }
      reject(new Error(`ctr images import ${file} failed: ${stderr.trim() || error.message}`));
    });
  });
}
