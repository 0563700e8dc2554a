// Where the fake runtime writes container logs (CRI format, one file per container attempt).
// On disk by default, where the kubelet server reads them as it reads containerd's; a simulated
// node, which serves no logs, keeps them in memory with its other pod files (pods/pod-files.ts).

import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Synchronous, so a container's lines land in the order it writes them. */
export interface LogFiles {
  /** Makes the (empty) log of a container that starts, with its directory; a log already there is kept. */
  createLog(path: string): void;
  /** Appends to a log made by createLog; throws when it is gone (the pod was torn down). */
  appendLog(path: string, text: string): void;
}

export const diskLogFiles: LogFiles = {
  createLog(path) {
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, '');
  },
  appendLog(path, text) {
    appendFileSync(path, text);
  },
};
