import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wantedData } from './root-ca.ts';

test('the root CA ConfigMap is rewritten unless it holds exactly ca.crt', () => {
  const pem = '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n';
  const cases: [string, Parameters<typeof wantedData>[0], boolean][] = [
    ['missing', undefined, true],
    ['exact', { data: { 'ca.crt': pem } }, false],
    ['stale', { data: { 'ca.crt': 'old' } }, true],
    ['extra key', { data: { 'ca.crt': pem, extra: 'y' } }, true],
    ['binary data', { data: { 'ca.crt': pem }, binaryData: { b: 'AA==' } }, true],
  ];
  for (const [name, current, rewrite] of cases) {
    const got = wantedData(current, pem);
    assert.equal(got !== undefined, rewrite, name);
    if (got !== undefined) assert.deepEqual(got, { 'ca.crt': pem });
  }
});
