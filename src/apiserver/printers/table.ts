// Server-side printing: objects as meta.k8s.io Tables, the way `kubectl get` shows them.
// Each resource may declare its columns (a Printer); the rest get upstream's default table
// (Name, Created At).

import type { ApiObject } from '../registry/resource.ts';

export interface ColumnDefinition {
  readonly name: string;
  /** OpenAPI type: string, integer, number, boolean, date. */
  readonly type: string;
  readonly format: string;
  readonly description: string;
  /** 0: always shown; 1 and above: only with -o wide. */
  readonly priority: number;
}

export interface Printer<T extends ApiObject = ApiObject> {
  readonly columns: readonly ColumnDefinition[];
  /** One row's cells, in column order; `now` is for ages. */
  cells(object: T, now: number): unknown[];
}

export function column(name: string, type: string, description: string, options: { format?: string; priority?: number } = {}): ColumnDefinition {
  return { name, type, format: options.format ?? '', description, priority: options.priority ?? 0 };
}

export const NAME_COLUMN = column('Name', 'string', 'Name must be unique within a namespace. It is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.', { format: 'name' });

export const defaultPrinter: Printer = {
  columns: [NAME_COLUMN, column('Created At', 'date', 'CreationTimestamp is a timestamp representing the server time when this object was created.')],
  cells: (object) => [object.metadata?.name ?? '', object.metadata?.creationTimestamp ?? ''],
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  readonly includeObject: IncludeObject;
  readonly noHeaders?: boolean;
  readonly now: number;
  /** The meta.k8s.io version the client asked for (v1 or v1beta1). */
  readonly version: string;
  readonly resourceVersion?: string;
  readonly continue?: string;
  readonly remainingItemCount?: number;
}

/** What a row carries of its object: metadata only (the default), everything, or nothing. */
function rowObject(object: ApiObject, include: IncludeObject, version: string): object | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: object.metadata ?? {} };
}

export function toTable(objects: readonly ApiObject[], printer: Printer, options: TableOptions): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  if (options.resourceVersion !== undefined) metadata['resourceVersion'] = options.resourceVersion;
  if (options.continue !== undefined) metadata['continue'] = options.continue;
  if (options.remainingItemCount !== undefined) metadata['remainingItemCount'] = options.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${options.version}`,
    metadata,
    columnDefinitions: options.noHeaders === true ? [] : printer.columns,
    rows: objects.map((object) => {
      const row: Record<string, unknown> = { cells: printer.cells(object, options.now) };
      const carried = rowObject(object, options.includeObject, options.version);
      if (carried !== undefined) row['object'] = carried;
      return row;
    }),
  };
}
