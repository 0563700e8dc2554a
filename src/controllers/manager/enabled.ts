// Upstream's --controllers semantics: a list of names, "*" for every controller that is on by
// default, "-name" to turn one off; an explicit name wins over "*".

export function controllerEnabled(name: string, enabled: readonly string[]): boolean {
  let star = false;
  for (const entry of enabled) {
    if (entry === name) return true;
    if (entry === `-${name}`) return false;
    if (entry === '*') star = true;
  }
  return star;
}
