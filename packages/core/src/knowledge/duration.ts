/**
 * Durations as people write them in `rules/` and `privacy.yml` (`13 months`, `2 years`, `90 days`, `30 minutes`), in
 * seconds. A month is a twelfth of a Gregorian year, so `13 months` is a little under 396 days, the ceiling the CNIL
 * sets for consent-based cookies.
 */
const units: Readonly<Record<string, number>> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  week: 7 * 86_400,
  month: 2_629_746,
  year: 31_556_952,
};

/** Seconds in a duration (`13 months`, `1 year`, `90 days`), or undefined when the text is not one. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(second|minute|hour|day|week|month|year)s?\s*$/iu.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * units[match[2]!.toLowerCase()]!;
}

/** A duration in seconds as a reader says it: `2 years`, `13 months`, `365 days`, `15 minutes`. */
export function formatDuration(seconds: number): string {
  const whole = (size: number): number | undefined => {
    const count = seconds / size;
    return count >= 1 && Math.abs(count - Math.round(count)) < 1e-6 ? Math.round(count) : undefined;
  };
  const say = (count: number, unit: string): string => `${count} ${unit}${count === 1 ? '' : 's'}`;
  for (const unit of ['year', 'month', 'week', 'day', 'hour', 'minute'] as const) {
    // A week count reads oddly for cookie lifetimes (`52 weeks`): days say it better.
    if (unit === 'week') continue;
    const count = whole(units[unit]!);
    if (count !== undefined) return say(count, unit);
  }
  if (seconds >= units['day']!) return say(Math.round(seconds / units['day']!), 'day');
  if (seconds >= units['hour']!) return say(Math.round(seconds / units['hour']!), 'hour');
  if (seconds >= units['minute']!) return say(Math.round(seconds / units['minute']!), 'minute');
  return say(seconds, 'second');
}
