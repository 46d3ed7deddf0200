const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Parses an ISO 8601 date-time that carries its zone ("2025-05-18T09:30:00+07:00").
 * Returns an explanation instead of a Date when the value is malformed, has no
 * zone, or names a day or time that does not exist (31 April, 25:00).
 */
export function parseDateTime(value: string): Date | string {
  const m = ISO_RE.exec(value.trim());
  if (!m) {
    const v = value.trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
      // The day itself is checked first: advice to add a time to 2025-13-45 would keep the wrong day.
      const day = parseDateTime(`${v}T09:00:00+07:00`);
      return typeof day === 'string' ? `"${value}" is not a real date` : `"${value}" has no time and zone; write it as ${v}T09:00:00+07:00`;
    }
    if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v)) return `"${value}" has no time zone; add one, such as ${v}+07:00`;
    return `"${value}" is not a date and time such as 2025-05-18T09:30:00+07:00`;
  }
  const [, y, mo, d, h, mi, s = '0'] = m.map((x) => x ?? '');
  const year = Number(y), month = Number(mo), day = Number(d);
  // "0025" is a year typed short; Date.UTC would also read 0–99 as 1900–1999.
  if (year < 1000) return `"${value}" has the year ${y}; write the year in full, such as 2025`;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return `"${value}" is not a real date and time`;
  }
  const date = new Date(value.trim().replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? `"${value}" is not a real date and time` : date;
}

/**
 * Writes `date` as the wall-clock time in `timeZone` with that zone's offset,
 * to the minute, as frontmatter wants it: "2025-05-18T09:30:00+07:00".
 */
export function formatZonedDateTime(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23', timeZoneName: 'longOffset',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // "GMT+07:00", or plain "GMT" for a zero offset.
  const offset = part('timeZoneName').replace(/^GMT/, '') || '+00:00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:00${offset}`;
}
