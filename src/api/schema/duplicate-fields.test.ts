import assert from 'node:assert/strict';
import { test } from 'node:test';
import { duplicateFields } from './duplicate-fields.ts';

test('duplicate keys are found by their JSON path', () => {
  const cases: Array<[string, string[]]> = [
    ['{"a":1,"b":2}', []],
    ['{"a":1,"a":2}', ['a']],
    ['{"metadata":{"name":"x","labels":{},"name":"y"}}', ['metadata.name']],
    ['{"spec":{"containers":[{"name":"a","image":"x","image":"y"},{"name":"b"}]}}', ['spec.containers[0].image']],
    ['{"a":{"b":1},"c":[1,2,{"d":"\\"","d":null}],"e":"}"}', ['c[2].d']],
    ['{"a\\u0062":1,"ab":2}', ['ab']],
    ['[{"a":1,"a":2}]', ['[0].a']],
    [`{${Array.from({ length: 40 }, (_, k) => `"k${k}":${k}`).join(',')},"k7":0,"k39":1}`, ['k7', 'k39']],
    ['{"s":"back\\\\slash \\"quoted\\"","t":"\\\\","s":1}', ['s']],
    ['{"x":[[{"y":1,"y":2}],{"z":true,"z":false}]}', ['x[0][0].y', 'x[1].z']],
    ['{"a":"1","b":"2","c":"q\\"r","d":{"c":1},"c":3}', ['c']],
    ['{"a":"unterminated', []],
    ['[]', []],
    ['{}', []],
  ];
  for (const [text, expected] of cases) assert.deepEqual(duplicateFields(text), expected, text);
});
