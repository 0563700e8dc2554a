// Bad values as upstream's field errors print them. Go prints a struct or map with %#v and a
// Stringer with String(); clients and users read a few of these (a Deployment's template
// labels, an immutable selector, maxSurge), so those few print exactly as upstream's do.
// Other structured bad values keep the project-wide JSON fallback of goFormatValue.

import { compareGoStrings, goQuote, verbatim, type Verbatim } from '../../../../api/go-format.ts';
import type { LabelSelector } from '../../../../api/types/meta/v1/index.ts';

/** Go's %#v of a map[string]string: keys sorted, `map[string]string{"a":"1", "b":"2"}`. */
export function goStringMap(map: Readonly<Record<string, string>> | undefined): Verbatim {
  if (map === undefined) return verbatim('map[string]string(nil)');
  const entries = Object.keys(map).sort(compareGoStrings).map((k) => `${goQuote(k)}:${goQuote(map[k] ?? '')}`);
  return verbatim(`map[string]string{${entries.join(', ')}}`);
}

function goStringSlice(values: readonly string[] | undefined): string {
  return values === undefined ? '[]string(nil)' : `[]string{${values.map((v) => goQuote(v)).join(', ')}}`;
}

/**
 * Go's %#v of a metav1.LabelSelector (a nil one prints "null", as field errors print nil pointers):
 * `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`.
 */
export function goLabelSelector(selector: LabelSelector | undefined): Verbatim | null {
  if (selector === undefined) return null;
  const expressions = selector.matchExpressions === undefined
    ? '[]v1.LabelSelectorRequirement(nil)'
    : `[]v1.LabelSelectorRequirement{${selector.matchExpressions.map((e) =>
      `v1.LabelSelectorRequirement{Key:${goQuote(e.key)}, Operator:${goQuote(e.operator)}, Values:${goStringSlice(e.values)}}`).join(', ')}}`;
  return verbatim(`v1.LabelSelector{MatchLabels:${goStringMap(selector.matchLabels).text}, MatchExpressions:${expressions}}`);
}

/** An intstr.IntOrString prints through its String(): 25% or 3, never quoted. */
export function goIntOrString(value: number | string): Verbatim {
  return verbatim(String(value));
}
