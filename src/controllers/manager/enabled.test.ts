import assert from 'node:assert/strict';
import { it } from 'node:test';
import { controllerEnabled } from './enabled.ts';

it('follows --controllers: "*", names, and -name exclusions', () => {
  const cases: Array<[string, string[], boolean]> = [
    ['namespace', ['*'], true],
    ['namespace', [], false],
    ['namespace', ['*', '-namespace'], false],
    ['namespace', ['garbage-collector'], false],
    ['namespace', ['namespace'], true],
    ['garbage-collector', ['-namespace', '*'], true],
  ];
  for (const [name, list, want] of cases) assert.equal(controllerEnabled(name, list), want, `${name} ${list.join(',')}`);
});
