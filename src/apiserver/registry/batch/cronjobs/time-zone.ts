// Time zone names as Go's time.LoadLocation takes them (an IANA zone file name, UTC, Local),
// checked against the tz database that Node's ICU carries.

/**
 * The error Go's LoadLocation gives for a name, or undefined when it loads. ICU matches
 * names regardless of case and the zone files Go reads do not, so every part of a name must
 * begin with a capital letter, as every IANA name's parts do ("America/New_York", "Etc/GMT+5").
 */
export function timeZoneError(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  const unknown = `unknown time zone ${name}`;
  if (!name.split('/').every((part) => /^[A-Z]/.test(part))) return unknown;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return undefined;
  } catch {
    return unknown;
  }
}
