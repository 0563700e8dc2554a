// core/v1: Scheduling constraints: node and pod affinity, tolerations, topology spread.

import { int32, int64, list, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { LabelSelector } from '../../meta/v1/index.ts';
import { NodeInclusionPolicy, NodeSelectorOperator, TaintEffect, TolerationOperator, UnsatisfiableConstraintAction } from './enums.ts';

export const Affinity = struct('io.k8s.api.core.v1.Affinity', {
  nodeAffinity: opt(1, () => NodeAffinity, { description: 'Which nodes the pod prefers or needs.', omitEmpty: true, pointer: true }),
  podAffinity: opt(2, () => PodAffinity, { description: 'Pods this pod wants to run near.', omitEmpty: true, pointer: true }),
  podAntiAffinity: opt(3, () => PodAntiAffinity, { description: 'Pods this pod wants to keep away from.', omitEmpty: true, pointer: true }),
}, { description: 'The affinity and anti-affinity rules of a pod.' });
export type Affinity = Infer<typeof Affinity>;

export const NodeAffinity = struct('io.k8s.api.core.v1.NodeAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: opt(1, () => NodeSelector, { description: 'Node requirements that must hold at scheduling time.', omitEmpty: true, pointer: true }),
  preferredDuringSchedulingIgnoredDuringExecution: opt(2, () => list(PreferredSchedulingTerm), { description: 'Weighted node preferences the scheduler favours.', listType: 'atomic', omitEmpty: true }),
}, { description: 'Rules that steer a pod towards nodes by their labels and fields.' });
export type NodeAffinity = Infer<typeof NodeAffinity>;

export const NodeSelector = struct('io.k8s.api.core.v1.NodeSelector', {
  nodeSelectorTerms: req(1, () => list(NodeSelectorTerm), { description: 'The terms, combined with OR.', listType: 'atomic' }),
}, { description: 'A node query: a node matches when any of its terms matches.', structType: 'atomic' });
export type NodeSelector = Infer<typeof NodeSelector>;

export const NodeSelectorTerm = struct('io.k8s.api.core.v1.NodeSelectorTerm', {
  matchExpressions: opt(1, () => list(NodeSelectorRequirement), { description: 'Requirements on node labels.', listType: 'atomic', omitEmpty: true }),
  matchFields: opt(2, () => list(NodeSelectorRequirement), { description: 'Requirements on node fields.', listType: 'atomic', omitEmpty: true }),
}, { description: 'Requirements on a node\'s labels and fields, combined with AND.', structType: 'atomic' });
export type NodeSelectorTerm = Infer<typeof NodeSelectorTerm>;

export const NodeSelectorRequirement = struct('io.k8s.api.core.v1.NodeSelectorRequirement', {
  key: req(1, string, { description: 'The label key or field name.' }),
  operator: req(2, NodeSelectorOperator, { description: 'In, NotIn, Exists, DoesNotExist, Gt or Lt.' }),
  values: opt(3, list(string), { description: 'The values the operator compares with.', listType: 'atomic', omitEmpty: true }),
}, { description: 'One requirement on a node label or field.' });
export type NodeSelectorRequirement = Infer<typeof NodeSelectorRequirement>;

export const PreferredSchedulingTerm = struct('io.k8s.api.core.v1.PreferredSchedulingTerm', {
  weight: req(1, int32, { description: 'The weight, from 1 to 100, added to a node\'s score when it matches.' }),
  preference: req(2, NodeSelectorTerm, { description: 'The node requirements of the preference.' }),
}, { description: 'A weighted node preference.' });
export type PreferredSchedulingTerm = Infer<typeof PreferredSchedulingTerm>;

export const PodAffinity = struct('io.k8s.api.core.v1.PodAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: opt(1, () => list(PodAffinityTerm), { description: 'Co-location requirements that must hold at scheduling time.', listType: 'atomic', omitEmpty: true }),
  preferredDuringSchedulingIgnoredDuringExecution: opt(2, () => list(WeightedPodAffinityTerm), { description: 'Weighted co-location preferences.', listType: 'atomic', omitEmpty: true }),
}, { description: 'Rules for placing a pod in the same topology domain as other pods.' });
export type PodAffinity = Infer<typeof PodAffinity>;

export const PodAntiAffinity = struct('io.k8s.api.core.v1.PodAntiAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: opt(1, () => list(PodAffinityTerm), { description: 'Separation requirements that must hold at scheduling time.', listType: 'atomic', omitEmpty: true }),
  preferredDuringSchedulingIgnoredDuringExecution: opt(2, () => list(WeightedPodAffinityTerm), { description: 'Weighted separation preferences.', listType: 'atomic', omitEmpty: true }),
}, { description: 'Rules for keeping a pod out of topology domains holding other pods.' });
export type PodAntiAffinity = Infer<typeof PodAntiAffinity>;

export const PodAffinityTerm = struct('io.k8s.api.core.v1.PodAffinityTerm', {
  labelSelector: opt(1, LabelSelector, { description: 'Which pods the term is about.', omitEmpty: true, pointer: true }),
  namespaces: opt(2, list(string), { description: 'The namespaces those pods are looked for in; empty means the pod\'s own.', listType: 'atomic', omitEmpty: true }),
  topologyKey: req(3, string, { description: 'The node label whose value defines a topology domain.' }),
  namespaceSelector: opt(4, LabelSelector, { description: 'Namespaces, by label, that those pods are looked for in.', omitEmpty: true, pointer: true }),
  matchLabelKeys: opt(5, list(string), { description: 'Label keys whose values are copied from the incoming pod into the selector.', listType: 'atomic', omitEmpty: true }),
  mismatchLabelKeys: opt(6, list(string), { description: 'Label keys whose values must differ from the incoming pod\'s.', listType: 'atomic', omitEmpty: true }),
}, { description: 'A set of pods and the topology key that defines being near them.' });
export type PodAffinityTerm = Infer<typeof PodAffinityTerm>;

export const WeightedPodAffinityTerm = struct('io.k8s.api.core.v1.WeightedPodAffinityTerm', {
  weight: req(1, int32, { description: 'The weight, from 1 to 100.' }),
  podAffinityTerm: req(2, PodAffinityTerm, { description: 'The term.' }),
}, { description: 'A pod affinity term with a weight.' });
export type WeightedPodAffinityTerm = Infer<typeof WeightedPodAffinityTerm>;

export const Toleration = struct('io.k8s.api.core.v1.Toleration', {
  key: opt(1, string, { description: 'The taint key this toleration matches; empty with Exists matches every taint.', omitEmpty: true }),
  operator: opt(2, TolerationOperator, { description: 'Exists or Equal.', omitEmpty: true }),
  value: opt(3, string, { description: 'The taint value to match, with Equal.', omitEmpty: true }),
  effect: opt(4, TaintEffect, { description: 'The taint effect to match; empty matches every effect.', omitEmpty: true }),
  tolerationSeconds: opt(5, int64, { description: 'For NoExecute taints, how long the pod may stay after the taint appears.', omitEmpty: true, pointer: true }),
}, { description: 'Lets a pod be scheduled onto, or stay on, nodes with a matching taint.' });
export type Toleration = Infer<typeof Toleration>;

export const TopologySpreadConstraint = struct('io.k8s.api.core.v1.TopologySpreadConstraint', {
  maxSkew: req(1, int32, { description: 'The largest allowed difference in matching pods between two domains.' }),
  topologyKey: req(2, string, { description: 'The node label whose values define the domains.' }),
  whenUnsatisfiable: req(3, UnsatisfiableConstraintAction, { description: 'DoNotSchedule or ScheduleAnyway, when the constraint cannot be met.' }),
  labelSelector: opt(4, LabelSelector, { description: 'Which pods are counted.', omitEmpty: true, pointer: true }),
  minDomains: opt(5, int32, { description: 'The minimum number of eligible domains.', omitEmpty: true, pointer: true }),
  nodeAffinityPolicy: opt(6, NodeInclusionPolicy, { description: 'Whether node affinity limits the domains counted: Honor or Ignore.', omitEmpty: true, pointer: true }),
  nodeTaintsPolicy: opt(7, NodeInclusionPolicy, { description: 'Whether node taints limit the domains counted: Honor or Ignore.', omitEmpty: true, pointer: true }),
  matchLabelKeys: opt(8, list(string), { description: 'Label keys whose values are copied from the incoming pod into the selector.', listType: 'atomic', omitEmpty: true }),
}, { description: 'How evenly pods matching a selector should be spread over a topology.' });
export type TopologySpreadConstraint = Infer<typeof TopologySpreadConstraint>;

export const TopologySelectorTerm = struct('io.k8s.api.core.v1.TopologySelectorTerm', {
  matchLabelExpressions: opt(1, () => list(TopologySelectorLabelRequirement), { description: 'Requirements on topology labels.', listType: 'atomic', omitEmpty: true }),
}, { description: 'Topology requirements combined with AND.', structType: 'atomic' });
export type TopologySelectorTerm = Infer<typeof TopologySelectorTerm>;

export const TopologySelectorLabelRequirement = struct('io.k8s.api.core.v1.TopologySelectorLabelRequirement', {
  key: req(1, string, { description: 'The label key.' }),
  values: req(2, list(string), { description: 'The allowed values.', listType: 'atomic' }),
}, { description: 'A topology label and the values it may have.' });
export type TopologySelectorLabelRequirement = Infer<typeof TopologySelectorLabelRequirement>;
