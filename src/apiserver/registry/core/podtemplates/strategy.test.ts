import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import type { PodTemplate } from '../../../../api/types/core/v1/index.ts';
import { formatLabels, podTemplatePrinter } from './printer.ts';
import { podtemplates } from './strategy.ts';

test('pod templates are defaulted and validated as templates', () => {
  const template: PodTemplate = { metadata: { name: 't' }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } };
  podtemplates.strategy.defaults?.(template);
  assert.equal(template.template?.spec?.containers[0]?.imagePullPolicy, 'Always');
  assert.equal(template.template?.spec?.serviceAccountName, undefined, 'no admission defaults in templates');
  assert.deepEqual(podtemplates.strategy.validate?.(template), []);
  const empty: PodTemplate = { metadata: { name: 'e' } };
  podtemplates.strategy.defaults?.(empty);
  assert.deepEqual(podtemplates.strategy.validate?.(empty).map(fieldErrorMessage), ['template.spec.containers: Required value']);
  assert.equal(podtemplates.strategy.tracksGeneration, true);
});

test('pod template printer: CONTAINERS IMAGES POD LABELS', () => {
  const template: PodTemplate = {
    metadata: { name: 't' },
    template: { metadata: { labels: { tier: 'web', app: 'shop' } }, spec: { containers: [{ name: 'app', image: 'shop:1' }, { name: 'proxy', image: 'envoy:1' }] } },
  };
  assert.deepEqual(podTemplatePrinter.columns.map((c) => c.name), ['Name', 'Containers', 'Images', 'Pod Labels']);
  assert.deepEqual(podTemplatePrinter.cells(template, 0), ['t', 'app,proxy', 'shop:1,envoy:1', 'app=shop,tier=web']);
  assert.equal(formatLabels(undefined), '<none>');
});
