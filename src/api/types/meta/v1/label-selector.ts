// meta/v1: Label and field selector requirements.

import { list, map, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';

export const LabelSelector = struct('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', {
  matchLabels: opt(1, map(string), { description: 'Labels that must all be present with exactly these values.', omitEmpty: true }),
  matchExpressions: opt(2, () => list(LabelSelectorRequirement), { description: 'Set-based requirements that must all hold.', listType: 'atomic', omitEmpty: true }),
}, { description: 'A label query; an object matches when it satisfies every label and every expression.', structType: 'atomic' });
export type LabelSelector = Infer<typeof LabelSelector>;

export const LabelSelectorRequirement = struct('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement', {
  key: req(1, string, { description: 'The label key the requirement tests.' }),
  operator: req(2, string, { description: 'In, NotIn, Exists or DoesNotExist.' }),
  values: opt(3, list(string), { description: 'The values compared with In and NotIn; empty for Exists and DoesNotExist.', listType: 'atomic', omitEmpty: true }),
}, { description: 'One set-based label requirement: a key, an operator and values.' });
export type LabelSelectorRequirement = Infer<typeof LabelSelectorRequirement>;

export const FieldSelectorRequirement = struct('io.k8s.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement', {
  key: req(1, string, { description: 'The field path the requirement tests.' }),
  operator: req(2, string, { description: 'In, NotIn, Exists or DoesNotExist.' }),
  values: opt(3, list(string), { description: 'The values compared with In and NotIn.', listType: 'atomic', omitEmpty: true }),
}, { description: 'One field requirement: a field path, an operator and values.' });
export type FieldSelectorRequirement = Infer<typeof FieldSelectorRequirement>;
