// Images a node has without a registry, made available when the agent starts (as k3s does with
// its air-gap images): the built-in pause image when the runtime lacks it (no sandbox can run
// without it), then every archive in DATA/agent/images/. A bad archive is reported and
// skipped; it does not stop the node.

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pauseImage } from '../containerd/config.ts';
import type { ImageService } from '../cri/runtime.ts';
import { pauseImageDefinition } from './builtin.ts';
import { importImageArchive, writeImageArchive } from './import.ts';

const ARCHIVE = /\.(tar|tar\.gz|tgz)$/;

export interface AirGapOptions {
  readonly images: ImageService;
  /** containerd's socket path, for `ctr images import`. */
  readonly address: string;
  /** DATA/agent/images. */
  readonly archivesDir: string;
  /** Where the built-in pause archive is written before import. */
  readonly scratchDir: string;
  readonly log: (message: string) => void;
  readonly signal?: AbortSignal;
}

/** Returns the archives imported. */
export async function importAirGapImages(o: AirGapOptions): Promise<string[]> {
  const signalOption = o.signal === undefined ? {} : { signal: o.signal };
  if ((await o.images.imageStatus({ image: pauseImage })) === undefined) {
    const { path } = await writeImageArchive(o.scratchDir, 'pause.tar', await pauseImageDefinition());
    await importImageArchive(path, { address: o.address, ...signalOption });
    o.log(`imported the built-in sandbox image ${pauseImage}`);
  }
  let names: string[];
  try {
    names = (await readdir(o.archivesDir)).filter((n) => ARCHIVE.test(n)).sort();
  } catch {
    return [];
  }
  const imported: string[] = [];
  for (const name of names) {
    if (o.signal?.aborted === true) break;
    const path = join(o.archivesDir, name);
    try {
      await importImageArchive(path, { address: o.address, ...signalOption });
      imported.push(path);
    } catch (err) {
      o.log(`skipping image archive ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (imported.length > 0) o.log(`imported ${imported.length} image archive(s) from ${o.archivesDir}`);
  return imported;
}
