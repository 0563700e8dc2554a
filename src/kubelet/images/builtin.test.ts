import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { appletsOf, busyboxApplets, busyboxImageDefinition, busyboxPath } from './builtin.ts';

const noBusybox = existsSync(busyboxPath) ? false : 'needs busybox-static';

test('the busybox image links every applet its binary lists, the fixed ones first', { skip: noBusybox }, async () => {
  const applets = await appletsOf(busyboxPath);
  assert.deepEqual(applets.slice(0, busyboxApplets.length), [...busyboxApplets]);
  assert.equal(new Set(applets).size, applets.length, 'no applet twice');
  for (const name of ['dd', 'base64', 'md5sum', 'nslookup', '[']) assert.ok(applets.includes(name), `${name} linked`);
  assert.ok(!applets.includes('busybox'));
  const image = await busyboxImageDefinition();
  const links = new Map<string, string>();
  for (const f of image.files) if (f.type === 'symlink') links.set(f.name, f.target);
  for (const name of ['bin/dd', 'bin/sh', 'bin/tail', 'bin/base64']) assert.equal(links.get(name), 'busybox', name);
});

test('a binary that cannot list its applets still gets the fixed ones', async () => {
  for (const binary of ['/nonexistent/busybox', '/bin/false']) {
    assert.deepEqual(await appletsOf(binary), [...busyboxApplets], binary);
  }
});
