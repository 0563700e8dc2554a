// A container's termination message, as the kubelet reports it in state.terminated.message: the
// file at terminationMessagePath (at most 4096 bytes), or with terminationMessagePolicy
// FallbackToLogsOnError and a failed, silent container, the tail of its log (80 lines, 2048 bytes).

import { join } from 'node:path';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { containerLogPath, podLogDirectory } from '../seams.ts';
import type { PodFiles } from './pod-files.ts';
import type { ContainerView } from './runtime-view.ts';
import { terminationLogPath } from './starter.ts';

const MAX_FILE_BYTES = 4096;
const MAX_LOG_LINES = 80;
const MAX_LOG_BYTES = 2048;

/** The text of CRI-format log lines (`<time> <stream> <F|P> <text>`), partial lines joined. */
function logText(cri: string): string {
  let out = '';
  for (const line of cri.split('\n')) {
    const m = /^\S+ (?:stdout|stderr) ([FP]) ?(.*)$/.exec(line);
    if (m === null) continue;
    out += m[2] ?? '';
    if (m[1] === 'F') out += '\n';
  }
  return out;
}

/** Where the pod's files are: the termination log and the container's log are both read through `files`. */
export interface MessageSources {
  readonly files: PodFiles;
  readonly podsDir: string;
  readonly podLogsRoot: string;
}

export async function terminationMessage(pod: Pod, c: ContainerView, where: MessageSources): Promise<string> {
  const meta = pod.metadata ?? {};
  const { files, podsDir, podLogsRoot } = where;
  const text = (await files.read(terminationLogPath(podsDir, meta.uid ?? '', c.name, c.attempt)) ?? '').slice(0, MAX_FILE_BYTES);
  const spec = [...pod.spec?.initContainers ?? [], ...pod.spec?.containers ?? []].find((s) => s.name === c.name);
  if (text !== '' || c.exitCode === 0 || spec?.terminationMessagePolicy !== 'FallbackToLogsOnError') return text;
  const dir = podLogDirectory(podLogsRoot, meta.namespace ?? '', meta.name ?? '', meta.uid ?? '');
  const log = logText(await files.read(join(dir, containerLogPath(c.name, c.attempt))) ?? '');
  const tail = log.split('\n').slice(-MAX_LOG_LINES - 1).join('\n');
  return tail.length > MAX_LOG_BYTES ? tail.slice(tail.length - MAX_LOG_BYTES) : tail;
}
