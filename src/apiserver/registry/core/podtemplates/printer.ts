import type { Container, PodTemplate } from '../../../../api/types/core/v1/index.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';

/** Labels as kubectl prints them: "k=v" pairs sorted by key, or "<none>". */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const pairs = Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`);
  return pairs.length === 0 ? '<none>' : pairs.join(',');
}

/** The CONTAINERS and IMAGES cells of templates: names and images, comma-separated. */
export function containerCells(containers: readonly Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

export const podTemplatePrinter: Printer<PodTemplate> = {
  columns: [
    NAME_COLUMN,
    column('Containers', 'string', 'Names of each container in the template.'),
    column('Images', 'string', 'Images referenced by each container in the template.'),
    column('Pod Labels', 'string', 'The labels for the pod template.'),
  ],
  cells(template) {
    const [names, images] = containerCells(template.template?.spec?.containers);
    return [template.metadata?.name ?? '', names, images, formatLabels(template.template?.metadata?.labels)];
  },
};
