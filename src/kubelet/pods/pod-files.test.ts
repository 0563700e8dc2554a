// One contract for both kinds of pod files: what the pod workers write they read back, missing
// directories are made, a removed pod directory takes everything under it and nothing beside it.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { diskPodFiles, MemoryPodFiles, type PodFiles } from './pod-files.ts';

const kinds: [string, () => PodFiles][] = [['disk', () => diskPodFiles], ['memory', () => new MemoryPodFiles()]];

test('PodFiles: write (making directories), read back, overwrite in place, remove a pod directory', async () => {
  const root = mkdtempSync(join(tmpdir(), 'k8ts-pod-files-'));
  try {
    for (const [name, make] of kinds) {
      const files = make();
      const pods = join(root, name, 'pods');
      const hosts = join(pods, 'uid-1', 'etc-hosts');
      const termLog = join(pods, 'uid-1', 'containers', 'app', '0-termination-log');
      const other = join(pods, 'uid-10', 'etc-hosts');
      const cases: { step: string; run: () => Promise<void>; want: [string, string | undefined][] }[] = [
        { step: 'nothing written', run: async () => {}, want: [[hosts, undefined], [termLog, undefined]] },
        { step: 'files in directories that do not exist yet', run: async () => {
          await files.write(hosts, 'a\n');
          await files.write(termLog, '');
          await files.write(other, 'b\n');
        }, want: [[hosts, 'a\n'], [termLog, ''], [other, 'b\n']] },
        { step: 'overwritten', run: () => files.write(hosts, 'c\n'), want: [[hosts, 'c\n'], [termLog, '']] },
        { step: 'the pod directory removed; a pod whose uid starts alike keeps its files', run: () => files.remove(join(pods, 'uid-1')),
          want: [[hosts, undefined], [termLog, undefined], [other, 'b\n']] },
        { step: 'removing what is gone', run: () => files.remove(join(pods, 'uid-1')), want: [[other, 'b\n']] },
      ];
      for (const c of cases) {
        await c.run();
        for (const [path, text] of c.want) assert.equal(await files.read(path), text, `${name}: ${c.step}: ${path}`);
      }
      if (name === 'disk') assert.equal(existsSync(join(pods, 'uid-1')), false, 'disk: the directory is gone');
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('MemoryPodFiles: removing pods frees what they held', async () => {
  const files = new MemoryPodFiles();
  for (let i = 0; i < 50; i++) {
    await files.write(`/pods/u${i}/etc-hosts`, 'x');
    await files.write(`/pods/u${i}/containers/c/0-termination-log`, '');
  }
  assert.equal(files.size, 100);
  for (let i = 0; i < 50; i++) await files.remove(`/pods/u${i}`);
  assert.equal(files.size, 0);
});
