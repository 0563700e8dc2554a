import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import type { Node } from '../../api/types/core/v1/index.ts';
import { TokenBucket, zoneOf, zoneRate, zoneState, type ZoneState } from './zones.ts';

const node = (ready: boolean, zone?: string): Node => ({
  metadata: { name: 'n', labels: zone === undefined ? {} : { 'topology.kubernetes.io/zone': zone } },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'Unknown' }] },
});
const many = (ready: number, down: number): Node[] => [...Array.from({ length: ready }, () => node(true)), ...Array.from({ length: down }, () => node(false))];

test('zoneState follows upstream thresholds', () => {
  const cases: [number, number, ZoneState][] = [[3, 0, 'Normal'], [3, 1, 'Normal'], [0, 2, 'FullDisruption'], [2, 2, 'Normal'], [2, 3, 'PartialDisruption'], [45, 55, 'PartialDisruption']];
  for (const [ready, down, want] of cases) assert.equal(zoneState(many(ready, down)).state, want, `${ready}/${down}`);
});

test('zoneRate: 0.1/s normally, slower or stopped when a zone is mostly down', () => {
  assert.equal(zoneRate('Normal', 3, false), 0.1);
  assert.equal(zoneRate('FullDisruption', 3, false), 0.1);
  assert.equal(zoneRate('PartialDisruption', 10, false), 0);
  assert.equal(zoneRate('PartialDisruption', 100, false), 0.01);
  assert.equal(zoneRate('Normal', 3, true), 0);
});

test('zoneOf keys by region and zone labels', () => {
  assert.equal(zoneOf(node(true)), '');
  assert.notEqual(zoneOf(node(true, 'a')), zoneOf(node(true, 'b')));
});

test('TokenBucket lets one through, then one per 1/qps seconds', () => {
  const clock = new FakeClock();
  const bucket = new TokenBucket(0.1, clock);
  assert.equal(bucket.tryAccept(), true);
  assert.equal(bucket.tryAccept(), false);
  clock.advance(9_999);
  assert.equal(bucket.tryAccept(), false);
  clock.advance(1);
  assert.equal(bucket.tryAccept(), true);
  bucket.setRate(0);
  clock.advance(60_000);
  assert.equal(bucket.tryAccept(), false);
});
