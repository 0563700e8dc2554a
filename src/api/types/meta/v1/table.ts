// meta/v1: Table and PartialObjectMetadata, the alternative renderings of list and get responses.
// Upstream gives Table no protobuf form, so its fields carry protobuf number 0.

import { int32, list, opt, raw, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { ListMeta, ObjectMeta } from './object-meta.ts';

export const Table = struct('io.k8s.apimachinery.pkg.apis.meta.v1.Table', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(0, () => ListMeta, { description: 'List metadata of the table.', omitEmpty: true }),
  columnDefinitions: req(0, () => list(TableColumnDefinition), { description: 'The columns of the table, in order.', listType: 'atomic' }),
  rows: req(0, () => list(TableRow), { description: 'One row per object.', listType: 'atomic' }),
}, { description: 'A server-rendered tabular view of objects, as kubectl get shows it.' });
export type Table = Infer<typeof Table>;

export const TableColumnDefinition = struct('io.k8s.apimachinery.pkg.apis.meta.v1.TableColumnDefinition', {
  name: req(0, string, { description: 'The column heading.' }),
  type: req(0, string, { description: 'The OpenAPI type of the cells in this column.' }),
  format: req(0, string, { description: 'An OpenAPI format refining type, possibly empty.' }),
  description: req(0, string, { description: 'What the column shows.' }),
  priority: req(0, int32, { description: 'Zero for columns shown by default; higher values are shown only in wide output.' }),
}, { description: 'One column of a Table.' });
export type TableColumnDefinition = Infer<typeof TableColumnDefinition>;

export const TableRow = struct('io.k8s.apimachinery.pkg.apis.meta.v1.TableRow', {
  cells: req(0, list(raw), { description: 'One cell per column, in column order.', listType: 'atomic' }),
  conditions: opt(0, () => list(TableRowCondition), { description: 'Conditions of the row, such as Completed.', listType: 'atomic', omitEmpty: true }),
  object: opt(0, raw, { description: 'The object the row describes, in full or as metadata only, when requested.', omitEmpty: true }),
}, { description: 'One row of a Table.' });
export type TableRow = Infer<typeof TableRow>;

export const TableRowCondition = struct('io.k8s.apimachinery.pkg.apis.meta.v1.TableRowCondition', {
  type: req(0, string, { description: 'The condition type, e.g. Completed.' }),
  status: req(0, string, { description: 'True, False or Unknown.' }),
  reason: opt(0, string, { description: 'A machine-readable reason for the condition.', omitEmpty: true }),
  message: opt(0, string, { description: 'A human-readable explanation of the condition.', omitEmpty: true }),
}, { description: 'One condition of a Table row.' });
export type TableRowCondition = Infer<typeof TableRowCondition>;

export const PartialObjectMetadata = struct('io.k8s.apimachinery.pkg.apis.meta.v1.PartialObjectMetadata', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, () => ObjectMeta, { description: 'The object\'s metadata.', omitEmpty: true }),
}, { description: 'An object reduced to its metadata.' });
export type PartialObjectMetadata = Infer<typeof PartialObjectMetadata>;

export const PartialObjectMetadataList = struct('io.k8s.apimachinery.pkg.apis.meta.v1.PartialObjectMetadataList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, () => ListMeta, { description: 'List metadata.', omitEmpty: true }),
  items: req(2, list(PartialObjectMetadata), { description: 'The objects\' metadata.' }),
}, { description: 'A list of objects reduced to their metadata.' });
export type PartialObjectMetadataList = Infer<typeof PartialObjectMetadataList>;
