// Columns and cells that the printers of pod controllers share (upstream's
// layoutContainerCells, FormatLabelSelector, FormatLabels): Age, and with -o wide the
// containers, images and selector of the pod template.

import { compareGoStrings } from '../../../../api/go-format.ts';
import { fromLabelSelector, selectorToString } from '../../../../api/labels/selector.ts';
import type { LabelSelector } from '../../../../api/types/meta/v1/index.ts';
import { asSelectorSpec } from './pod-controller.ts';
import type { PodTemplateSpec } from '../../../../api/types/core/v1/index.ts';
import { column } from '../../../printers/table.ts';

export const AGE_COLUMN = column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.');
export const CONTAINERS_COLUMN = column('Containers', 'string', 'Names of each container in the template.', { priority: 1 });
export const IMAGES_COLUMN = column('Images', 'string', 'Images referenced by each container in the template.', { priority: 1 });

/** The wide Selector column, described for its resource. */
export function selectorColumn(description: string): ReturnType<typeof column> {
  return column('Selector', 'string', description, { priority: 1 });
}

/** Container names and images of a template, each joined with commas. */
export function containerCells(template: PodTemplateSpec | undefined): [string, string] {
  const containers = template?.spec?.containers ?? [];
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(',')];
}

/** A selector as kubectl shows it: "<none>" when it selects everything or nothing, "<error>" when invalid. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const converted = fromLabelSelector(asSelectorSpec(selector));
  if (!converted.ok) return '<error>';
  const text = selectorToString(converted.value);
  return text === '' ? '<none>' : text;
}

/** A label map as "k=v,k2=v2", sorted by key; "<none>" when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(compareGoStrings);
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',');
}
