import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { invalidPayloadPath, timestampPrefix, writeAtomically, type FileProjection } from './atomic-writer.ts';

let root: string;
before(async () => { root = await mkdtemp(join(tmpdir(), 'k8ts-atomic-')); });
after(async () => { await rm(root, { recursive: true, force: true }); });

const file = (text: string, mode = 0o644): FileProjection => ({ data: Buffer.from(text), mode });
const NOW = Date.UTC(2026, 10, 26, 2, 5, 0, 123);

test('payload paths are checked as upstream checks them', () => {
  const cases: Array<[string, string | undefined]> = [
    ['a', undefined],
    ['a/b/c.txt', undefined],
    ['..a', 'invalid path: must not start with \'..\': ..a'],
    ['', 'invalid path: must not be empty: ""'],
    ['/etc/passwd', 'invalid path: must be relative path: /etc/passwd'],
    ['a/../b', 'invalid path: must not contain \'..\': a/../b'],
    ['..', 'invalid path: must not contain \'..\': ..'],
    ['x'.repeat(256), 'invalid path: filenames must be less than or equal to 255 characters'],
    ['a/'.repeat(2100) + 'b', 'invalid path: must be less than or equal to 4096 characters'],
    ['.hidden', undefined],
  ];
  for (const [path, want] of cases) assert.equal(invalidPayloadPath(path), want, path.slice(0, 40));
});

test('version directories are named after the UTC time', () => {
  assert.equal(timestampPrefix(NOW), '..2026_11_26_02_05_00.');
});

test('first write: files in a version dir, ..data and one link per top-level name', async () => {
  const dir = join(root, 'first');
  const written = await writeAtomically(dir, new Map([['a', file('A')], ['sub/b', file('B', 0o400)]]), NOW);
  assert.equal(written, true);
  const names = (await readdir(dir)).sort();
  assert.equal(names.length, 4);
  const version = names.find((n) => n.startsWith('..2026_11_26_02_05_00.'));
  assert.match(version ?? '', /^\.\.2026_11_26_02_05_00\.\d+$/);
  assert.deepEqual(names.filter((n) => n !== version), ['..data', 'a', 'sub']);
  assert.equal(await readlink(join(dir, '..data')), version);
  assert.equal(await readlink(join(dir, 'a')), '..data/a');
  assert.equal(await readlink(join(dir, 'sub')), '..data/sub');
  assert.equal(await readFile(join(dir, 'a'), 'utf8'), 'A');
  assert.equal(await readFile(join(dir, 'sub/b'), 'utf8'), 'B');
  assert.equal((await stat(join(dir, 'sub/b'))).mode & 0o777, 0o400);
  assert.equal((await stat(join(dir, 'a'))).mode & 0o777, 0o644);
});

test('unchanged contents are not written again; changes swap versions and drop removed names', async () => {
  const dir = join(root, 'update');
  await writeAtomically(dir, new Map([['a', file('1')], ['b', file('1')]]), NOW);
  const v1 = await readlink(join(dir, '..data'));
  assert.equal(await writeAtomically(dir, new Map([['a', file('1')], ['b', file('1')]]), NOW + 1000), false);
  assert.equal(await readlink(join(dir, '..data')), v1);

  assert.equal(await writeAtomically(dir, new Map([['a', file('1', 0o600)], ['b', file('1')]]), NOW + 2000), false, 'contents decide, as upstream');
  assert.equal(await writeAtomically(dir, new Map([['a', file('2')], ['c', file('3')]]), NOW + 3000), true);
  const v3 = await readlink(join(dir, '..data'));
  assert.notEqual(v3, v1);
  assert.deepEqual((await readdir(dir)).sort(), ['..data', v3, 'a', 'c'].sort());
  assert.equal(await readFile(join(dir, 'a'), 'utf8'), '2');
  await assert.rejects(lstat(join(dir, 'b')), { code: 'ENOENT' });
});

test('leftovers of an interrupted write are removed by the next one', async () => {
  const dir = join(root, 'leftover');
  await writeAtomically(dir, new Map([['a', file('1')]]), NOW);
  await mkdir(join(dir, '..2020_01_01_00_00_00.42'));
  await writeAtomically(dir, new Map([['a', file('2')]]), NOW + 1000);
  assert.equal((await readdir(dir)).filter((n) => n.startsWith('..2')).length, 1);
});

test('a bad path fails the write and leaves the volume as it was', async () => {
  const dir = join(root, 'bad');
  await writeAtomically(dir, new Map([['a', file('1')]]), NOW);
  await assert.rejects(writeAtomically(dir, new Map([['../escape', file('x')]]), NOW + 1), /must not contain '\.\.'/);
  assert.equal(await readFile(join(dir, 'a'), 'utf8'), '1');
});

test('a reader never sees a mix of old and new files', async () => {
  const dir = join(root, 'race');
  const version = (n: number): Map<string, FileProjection> => new Map([['x', file(`v${n}`.repeat(2000))], ['y', file(`v${n}`)], ['nested/z', file(`v${n}`)]]);
  await writeAtomically(dir, version(0), NOW);
  let writing = true;
  const writer = (async () => {
    for (let n = 1; n <= 60; n++) await writeAtomically(dir, version(n), NOW + n * 1000);
    writing = false;
  })();
  let consistentReads = 0;
  while (writing) {
    // Through one resolution of ..data, as a process holding the directory open sees it.
    try {
      const snapshot = await realpath(join(dir, '..data'));
      const [x, y, z] = await Promise.all([readFile(join(snapshot, 'x'), 'utf8'), readFile(join(snapshot, 'y'), 'utf8'), readFile(join(snapshot, 'nested/z'), 'utf8')]);
      assert.equal(x, y.repeat(2000));
      assert.equal(z, y);
      consistentReads++;
    } catch (err) {
      // The version was replaced and removed between the resolution and the reads: try again.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    // Through the user-visible links: every file is whole, never empty or cut.
    const x = await readFile(join(dir, 'x'), 'utf8').catch(() => 'gone');
    assert.match(x, /^(?:(v\d+)\1{1999}|gone)$/);
  }
  await writer;
  assert.ok(consistentReads > 0);
  assert.equal(await readFile(join(dir, 'y'), 'utf8'), 'v60');
  assert.equal((await readdir(dir)).filter((n) => n.startsWith('..2')).length, 1);
});
