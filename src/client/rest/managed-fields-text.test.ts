import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withoutManagedFields } from './managed-fields-text.ts';

/** What the cut must give: the event as JSON.parse reads it, without object.metadata.managedFields. */
function parsedWithout(text: string): unknown {
  const event = JSON.parse(text) as { object?: { metadata?: Record<string, unknown> } };
  if (event.object?.metadata !== undefined) delete event.object.metadata['managedFields'];
  return event;
}

const FIELDS = '[{"manager":"kubelet","operation":"Update","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"k:{\\"type\\":\\"Ready\\"}":{".":{}}}}}]';

test('withoutManagedFields cuts object.metadata.managedFields and nothing else', () => {
  const cases: Array<{ name: string; text: string; cut: boolean }> = [
    { name: 'the API server\'s order', text: `{"type":"ADDED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"a","uid":"u","managedFields":${FIELDS},"resourceVersion":"4"},"spec":{}}}`, cut: true },
    { name: 'the first member', text: `{"type":"MODIFIED","object":{"metadata":{"managedFields":${FIELDS},"name":"a"}}}`, cut: true },
    { name: 'the last member', text: `{"type":"MODIFIED","object":{"metadata":{"name":"a","managedFields":${FIELDS}}}}`, cut: true },
    { name: 'the only member', text: `{"type":"MODIFIED","object":{"metadata":{"managedFields":${FIELDS}}}}`, cut: true },
    { name: 'spaces around', text: `{ "type" : "ADDED" , "object" : { "metadata" : { "name" : "a" , "managedFields" : ${FIELDS} , "uid" : "u" } } }`, cut: true },
    { name: 'object before type', text: `{"object":{"spec":{"x":"]}\\""},"metadata":{"managedFields":[],"name":"b"}},"type":"ADDED"}`, cut: true },
    { name: 'a managedFields elsewhere stays', text: '{"type":"ADDED","object":{"spec":{"managedFields":[1]},"metadata":{"name":"a","annotations":{"x":"\\"managedFields\\":[2]"}}}}', cut: false },
    { name: 'none', text: '{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"9"}}}', cut: false },
    { name: 'an escaped key', text: `{"type":"ADDED","object":{"metadata":{"managed\\u0046ields":${FIELDS},"name":"a"}}}`, cut: true },
  ];
  for (const c of cases) {
    const out = withoutManagedFields(c.text);
    assert.deepEqual(JSON.parse(out), parsedWithout(c.text), c.name);
    assert.equal(out !== c.text, c.cut, `${c.name}: cut or not`);
  }
});

test('withoutManagedFields leaves text it cannot read as it is, for JSON.parse to judge', () => {
  for (const text of ['', 'not json', '{"type":"ADDED","object":{"metadata":{"managedFields":[{"a":"b', '{"type":"ADDED","object":[]}', '{"type":"ADDED","object":{"metadata":"x"}}']) {
    assert.equal(withoutManagedFields(text), text, text);
  }
});
