// PodTemplates (upstream's pkg/registry/core/podtemplate): stored pod templates, defaulted
// and validated like the templates inside workloads; generation counts template changes.

import { path } from '../../../../api/field-errors.ts';
import { PodTemplate, PodTemplateList } from '../../../../api/types/core/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { defaultPodTemplateSpec } from '../pods/defaults.ts';
import { validatePodTemplateSpec } from '../pods/validation.ts';
import { podTemplatePrinter } from './printer.ts';

function validatePodTemplate(template: PodTemplate): ReturnType<typeof validatePodTemplateSpec> {
  return validatePodTemplateSpec(template.template ?? {}, path('template'));
}

export const podtemplates: ResourceDef<PodTemplate> = {
  group: '', version: 'v1', resource: 'podtemplates', singular: 'podtemplate', kind: 'PodTemplate', listKind: 'PodTemplateList',
  namespaced: true, shape: PodTemplate, listShape: PodTemplateList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    tracksGeneration: true,
    allowUnconditionalUpdate: true,
    defaults(template) {
      // The template is a value in upstream's Go type: an absent one is an empty one.
      defaultPodTemplateSpec((template.template ??= {}));
    },
    validate: validatePodTemplate,
    validateUpdate: (template) => validatePodTemplate(template),
  },
  printer: podTemplatePrinter,
};
