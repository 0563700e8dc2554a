import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decode } from './decode.ts';
import { boolean, bytes, collectStructs, int32, intOrString, list, map, opt, quantity, raw, req, string, struct, time, type Infer } from './shape.ts';

const Port = struct('test.Port', {
  name: opt(1, string),
  containerPort: req(2, int32),
});
const Thing = struct('test.Thing', {
  name: req(1, string),
  ports: opt(2, list(Port), { patchStrategy: 'merge', patchMergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort'] }),
  labels: opt(3, map(string)),
  cpu: opt(4, quantity),
  at: opt(5, time),
  target: opt(6, intOrString),
  secret: opt(7, bytes),
  ok: opt(8, boolean),
  extra: opt(9, raw),
  next: opt(10, () => Port),
});
type Thing = Infer<typeof Thing>;

test('decode keeps known fields, canonicalizes quantities and times, drops nulls', () => {
  const input = {
    name: 'a', ports: [{ containerPort: 80, name: 'http' }], labels: { x: 'y' }, cpu: '1000m', at: '2026-01-02T03:04:05.678+01:00',
    target: 'http', secret: 'aGk=', ok: true, extra: { any: ['thing', 1] }, next: null,
  };
  const result = decode(Thing, input);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.unknownFields, []);
  const expected: Thing = {
    name: 'a', ports: [{ containerPort: 80, name: 'http' }], labels: { x: 'y' }, cpu: '1', at: '2026-01-02T02:04:05Z',
    target: 'http', secret: 'aGk=', ok: true, extra: { any: ['thing', 1] },
  };
  assert.deepEqual(result.value, expected);
});

test('decode gives a time the same canonical form each time it sees it', () => {
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(decode(Thing, { name: 'a', at: '2026-01-02T03:04:05.678+01:00' }).value, { name: 'a', at: '2026-01-02T02:04:05Z' });
    assert.match(decode(Thing, { name: 'a', at: '2026-13-02T03:04:05Z' }).errors.join(), /is not a valid time/);
  }
});

test('decode reports unknown fields by JSON path and drops them', () => {
  const result = decode(Thing, { name: 'a', bogus: 1, ports: [{ containerPort: 1, colour: 'red' }] });
  assert.deepEqual(result.unknownFields, ['bogus', 'ports[0].colour']);
  assert.deepEqual(result.value, { name: 'a', ports: [{ containerPort: 1 }] });
});

test('decode refuses values of the wrong type', () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ name: 5 }, /cannot unmarshal number into field name of type string/],
    [{ name: 'a', ports: {} }, /cannot unmarshal object into field ports of type array/],
    [{ name: 'a', ports: [{ containerPort: 1.5 }] }, /number 1.5 into field ports\[0\].containerPort of type int32/],
    [{ name: 'a', ports: [{ containerPort: 2 ** 31 }] }, /of type int32/],
    [{ name: 'a', cpu: '12x' }, /cpu: quantities must match the regular expression/],
    [{ name: 'a', at: 'yesterday' }, /time must be RFC 3339/],
    [{ name: 'a', secret: 'not base64!' }, /illegal base64 data in field secret/],
    [{ name: 'a', target: true }, /of type int or string/],
    [[], /cannot unmarshal array into field \(root\) of type object/],
    [{ name: 'a', labels: { x: 1 } }, /cannot unmarshal number into field labels\[x\] of type string/],
    [{ name: 'a', next: { containerPort: 'x' } }, /cannot unmarshal string into field next.containerPort of type int32/],
    [{ name: 'a', ports: [{ containerPort: 1 }, { containerPort: 2, name: 3 }] }, /cannot unmarshal number into field ports\[1\].name of type string/],
  ];
  for (const [input, message] of cases) {
    const result = decode(Thing, input);
    assert.equal(result.value, undefined, JSON.stringify(input));
    assert.match(result.errors.join('\n'), message, JSON.stringify(input));
  }
});

test('shapes resolve lazily and collectStructs finds every struct once', () => {
  const structs = collectStructs([Thing]);
  assert.deepEqual([...structs.keys()], ['test.Thing', 'test.Port']);
  assert.equal(Thing.field('ports')?.patchMergeKey, 'containerPort');
  assert.equal(Thing.fieldByNumber(10)?.name, 'next');
  assert.equal(Thing.field('name')?.required, true);
});
