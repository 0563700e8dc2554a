import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resourceVersionOf } from './object-version.ts';

test('resourceVersionOf reads metadata.resourceVersion as JSON.parse would', () => {
  const cases: Array<{ name: string; text: string; want: string | undefined }> = [
    { name: 'the API server\'s order', text: '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"a","namespace":"d","uid":"u","resourceVersion":"42","creationTimestamp":"2026-01-01T00:00:00Z"},"spec":{}}', want: '42' },
    { name: 'metadata after other values of every kind', text: ' { "spec" : {"a":[1,{"b":"}]\\"{"}],"c":null} , "n": -1.5e3, "t": true, "s":"x\\\\", "metadata" : { "labels":{"resourceVersion":"no"}, "resourceVersion" : "7" } }', want: '7' },
    { name: 'a resourceVersion outside metadata does not count', text: '{"resourceVersion":"1","status":{"metadata":{"resourceVersion":"2"}},"metadata":{"name":"x"}}', want: undefined },
    { name: 'escaped keys and values', text: '{"meta\\u0064ata":{"resource\\u0056ersion":"1\\u00322"}}', want: '122' },
    { name: 'a longer key with an escape that is not the one', text: '{"metadataa\\n":{"resourceVersion":"1"},"metadata":{"resourceVersion":"3"}}', want: '3' },
    { name: 'empty metadata', text: '{"metadata":{}}', want: undefined },
    { name: 'not a string', text: '{"metadata":{"resourceVersion":5}}', want: undefined },
    { name: 'metadata not an object', text: '{"metadata":"x"}', want: undefined },
    { name: 'not an object', text: '[{"metadata":{"resourceVersion":"1"}}]', want: undefined },
    { name: 'empty text', text: '', want: undefined },
    { name: 'cut short', text: '{"spec":{"a":"b', want: undefined },
    { name: 'cut short inside metadata', text: '{"metadata":{"resourceVersion":"12', want: undefined },
  ];
  for (const c of cases) {
    assert.equal(resourceVersionOf(c.text), c.want, c.name);
    if (c.want !== undefined) assert.equal((JSON.parse(c.text) as { metadata: { resourceVersion: string } }).metadata.resourceVersion, c.want, `${c.name}: the case itself`);
  }
});
