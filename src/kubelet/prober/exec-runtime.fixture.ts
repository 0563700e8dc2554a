// For tests: a RuntimeService whose ExecSync answers from a function the test controls;
// every other call rejects, since the prober must not make them.

import type { RuntimeService } from '../cri/runtime.ts';
import type { ExecSyncResult } from '../cri/types.ts';

export type ExecAnswer = (containerId: string, cmd: readonly string[], timeoutSeconds: number) => Promise<ExecSyncResult>;

export interface ExecCall {
  readonly containerId: string;
  readonly cmd: readonly string[];
  readonly timeoutSeconds: number;
}

export function execRuntime(answer: ExecAnswer): { runtime: RuntimeService; calls: ExecCall[] } {
  const calls: ExecCall[] = [];
  const runtime = new Proxy({} as RuntimeService, {
    get(_target, name) {
      if (name === 'execSync') {
        return (containerId: string, cmd: readonly string[], timeoutSeconds: number) => {
          calls.push({ containerId, cmd, timeoutSeconds });
          return answer(containerId, cmd, timeoutSeconds);
        };
      }
      if (name === 'then') return undefined;
      return () => Promise.reject(new Error(`the prober called RuntimeService.${String(name)}`));
    },
  });
  return { runtime, calls };
}

export function exited(exitCode: number, stdout = '', stderr = ''): ExecSyncResult {
  return { exitCode, stdout: Buffer.from(stdout), stderr: Buffer.from(stderr) };
}

/** Lets pending promise callbacks and I/O callbacks run (the fake clock moves no real time). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
