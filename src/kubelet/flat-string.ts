// Strings the kubelet keeps for the life of a pod (paths, environment variables, the JSON of the
// last status written), made flat. V8 keeps a string built by concatenation (+, template
// literals, path.join) as a tree of its pieces until something needs its characters in one run:
// a path from path.join held that way took ~750 bytes in ~10 objects instead of ~160 in one,
// and the collector traces every piece of every pod's strings on each major collection. Files
// and sockets flatten what they are given as a side effect; what stays in memory never is.

/** Where flat() puts its reading, so an optimizing compiler cannot drop the reading as unused. */
let _sink = 0;

/**
 * `s`, flattened in place: reading a string as a number makes V8 flatten it, and since the
 * flattening happens on the string object itself, every holder of `s` gets the flat form. (A
 * reading whose result went nowhere was removed once the caller was optimized: most strings
 * stayed trees.)
 */
export function flat(s: string): string {
  _sink = Number(s);
  return s;
}
