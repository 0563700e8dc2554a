// meta/v1: The discovery documents served at /api and /apis.

import { boolean, list, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';

export const APIResourceList = struct('io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  groupVersion: req(1, string, { description: 'The group/version these resources belong to.' }),
  resources: req(2, () => list(APIResource), { description: 'The resources and subresources served.', listType: 'atomic' }),
}, { description: 'The resources served in one group/version.' });
export type APIResourceList = Infer<typeof APIResourceList>;

export const APIResource = struct('io.k8s.apimachinery.pkg.apis.meta.v1.APIResource', {
  name: req(1, string, { description: 'The plural resource name, with /subresource for subresources.' }),
  singularName: req(6, string, { description: 'The singular name of the resource, used by kubectl.' }),
  namespaced: req(2, boolean, { description: 'Whether objects of this resource live in namespaces.' }),
  group: opt(8, string, { description: 'The preferred group of the resource, when it differs from the containing list.', omitEmpty: true }),
  version: opt(9, string, { description: 'The preferred version of the resource, when it differs from the containing list.', omitEmpty: true }),
  kind: req(3, string, { description: 'The kind of object the resource serves.' }),
  verbs: req(4, list(string), { description: 'The verbs the resource supports, e.g. get, list, watch, create.' }),
  shortNames: opt(5, list(string), { description: 'Short aliases for the resource, such as po for pods.', listType: 'atomic', omitEmpty: true }),
  categories: opt(7, list(string), { description: 'Groups of resources this one belongs to, such as all.', listType: 'atomic', omitEmpty: true }),
  storageVersionHash: opt(10, string, { description: 'A hash of the version objects are stored in, for detecting storage version changes.', omitEmpty: true }),
}, { description: 'One resource served by the API: its names, scope and verbs.' });
export type APIResource = Infer<typeof APIResource>;

export const APIGroupList = struct('io.k8s.apimachinery.pkg.apis.meta.v1.APIGroupList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  groups: req(1, () => list(APIGroup), { description: 'The groups.', listType: 'atomic' }),
}, { description: 'The API groups the server serves.' });
export type APIGroupList = Infer<typeof APIGroupList>;

export const APIGroup = struct('io.k8s.apimachinery.pkg.apis.meta.v1.APIGroup', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  name: req(1, string, { description: 'The group name.' }),
  versions: req(2, () => list(GroupVersionForDiscovery), { description: 'The versions served in this group.', listType: 'atomic' }),
  preferredVersion: opt(3, () => GroupVersionForDiscovery, { description: 'The version clients should use when they have no preference.', omitEmpty: true }),
  serverAddressByClientCIDRs: opt(4, () => list(ServerAddressByClientCIDR), { description: 'Server addresses to use depending on the client\'s network.', listType: 'atomic', omitEmpty: true }),
}, { description: 'One API group and the versions it serves.' });
export type APIGroup = Infer<typeof APIGroup>;

export const GroupVersionForDiscovery = struct('io.k8s.apimachinery.pkg.apis.meta.v1.GroupVersionForDiscovery', {
  groupVersion: req(1, string, { description: 'The group and version, written group/version.' }),
  version: req(2, string, { description: 'The version alone.' }),
}, { description: 'One version of a group, for discovery.' });
export type GroupVersionForDiscovery = Infer<typeof GroupVersionForDiscovery>;

export const ServerAddressByClientCIDR = struct('io.k8s.apimachinery.pkg.apis.meta.v1.ServerAddressByClientCIDR', {
  clientCIDR: req(1, string, { description: 'The client network this address applies to.' }),
  serverAddress: req(2, string, { description: 'The host or host:port clients in that network should use.' }),
}, { description: 'The server address to use for clients in a given network.' });
export type ServerAddressByClientCIDR = Infer<typeof ServerAddressByClientCIDR>;

export const APIVersions = struct('io.k8s.apimachinery.pkg.apis.meta.v1.APIVersions', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  versions: req(1, list(string), { description: 'The served versions, e.g. v1.', listType: 'atomic' }),
  serverAddressByClientCIDRs: req(2, list(ServerAddressByClientCIDR), { description: 'Server addresses to use depending on the client\'s network.', listType: 'atomic' }),
}, { description: 'The versions of the legacy core API the server serves.' });
export type APIVersions = Infer<typeof APIVersions>;
