import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import type { LimitRange, LimitRangeItem } from '../../../../api/types/core/v1/index.ts';
import { defaultLimitRange, limitranges, validateLimitRange } from './strategy.ts';

const lr = (...limits: LimitRangeItem[]): LimitRange => ({ metadata: { name: 'limits', namespace: 'default' }, spec: { limits } });

test('defaults fill container defaults from max and min', () => {
  const cases: Array<{ name: string; item: LimitRangeItem; want: LimitRangeItem }> = [
    {
      name: 'default from max, defaultRequest from default, then from min',
      item: { type: 'Container', max: { cpu: '2', memory: '1Gi' }, min: { cpu: '100m', 'ephemeral-storage': '1Gi' }, default: { memory: '512Mi' } },
      want: { type: 'Container', max: { cpu: '2', memory: '1Gi' }, min: { cpu: '100m', 'ephemeral-storage': '1Gi' }, default: { memory: '512Mi', cpu: '2' }, defaultRequest: { memory: '512Mi', cpu: '2', 'ephemeral-storage': '1Gi' } },
    },
    { name: 'pods get no defaults', item: { type: 'Pod', max: { cpu: '2' } }, want: { type: 'Pod', max: { cpu: '2' } } },
  ];
  for (const c of cases) {
    const obj = lr(c.item);
    defaultLimitRange(obj);
    assert.deepEqual(obj.spec?.limits[0], c.want, c.name);
  }
});

test('validation, with upstream messages', () => {
  const cases: Array<{ name: string; items: LimitRangeItem[]; want: string[] }> = [
    { name: 'valid', items: [{ type: 'Container', min: { cpu: '100m' }, defaultRequest: { cpu: '200m' }, default: { cpu: '500m' }, max: { cpu: '1' }, maxLimitRequestRatio: { cpu: '4' } }, { type: 'PersistentVolumeClaim', max: { storage: '10Gi' } }], want: [] },
    { name: 'min > max', items: [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }], want: ['spec.limits[0].min[cpu]: Invalid value: 2: min value 2 is greater than max value 1'] },
    {
      name: 'default outside min and max',
      items: [{ type: 'Container', min: { memory: '1Gi' }, max: { memory: '2Gi' }, default: { memory: '4Gi' }, defaultRequest: { memory: '512Mi' } }],
      want: [
        'spec.limits[0].defaultRequest[memory]: Invalid value: 512Mi: min value 1Gi is greater than default request value 512Mi',
        'spec.limits[0].default[memory]: Invalid value: 2Gi: default value 4Gi is greater than max value 2Gi',
      ],
    },
    { name: 'default request above the default', items: [{ type: 'Container', default: { cpu: '1' }, defaultRequest: { cpu: '2' } }], want: ['spec.limits[0].defaultRequest[cpu]: Invalid value: 2: default request value 2 is greater than default limit value 1'] },
    {
      name: 'ratios',
      items: [{ type: 'Container', min: { cpu: '500m' }, max: { cpu: '1' }, maxLimitRequestRatio: { cpu: '3' } }, { type: 'Pod', maxLimitRequestRatio: { memory: '500m' } }],
      want: ['spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: 3: ratio 3 is greater than max/min = 2.000000', 'spec.limits[1].maxLimitRequestRatio[memory]: Invalid value: 500m: ratio 500m is less than 1'],
    },
    { name: 'no defaults for pods', items: [{ type: 'Pod', default: { cpu: '1' } }], want: ["spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'"] },
    { name: 'claims need storage bounds', items: [{ type: 'PersistentVolumeClaim' }], want: ['spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but neither was provided'] },
    {
      name: 'types',
      items: [{ type: 'Node', max: { cpu: '1' } }, { type: 'example.com/thing' }, { type: 'example.com/thing' }],
      want: ['spec.limits[0].type: Invalid value: "Node": must be a standard limit type or fully qualified', 'spec.limits[2].type: Duplicate value: "example.com/thing"'],
    },
    {
      name: 'resource names',
      items: [{ type: 'Container', max: { storage: '1Gi', 'example.com/gpu': '2' }, default: { 'example.com/gpu': '2' }, defaultRequest: { 'example.com/gpu': '1' } }],
      want: [
        'spec.limits[0].max[storage]: Invalid value: "storage": must be a standard resource for containers',
        'spec.limits[0].defaultRequest[example.com/gpu]: Invalid value: 1: default value 2 must equal to defaultRequest value 1 in example.com/gpu',
      ],
    },
  ];
  for (const c of cases) assert.deepEqual(validateLimitRange(lr(...c.items)).map(fieldErrorMessage), c.want, c.name);
  assert.deepEqual([limitranges.shortNames, limitranges.printer], [['limits'], undefined]);
});
