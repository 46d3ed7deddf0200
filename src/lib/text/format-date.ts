import { site } from '../../site.config';

const long = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit',
  timeZone: site.timeZone, timeZoneName: 'short',
});
const dayParts = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: site.timeZone });

// House style abbreviates every month to three letters; ICU's en-GB writes "Sept".
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "18 May 2025, 09:30 GMT+7": the full published time in the site's zone. */
export function formatDateTime(date: Date): string {
  return long.format(date);
}

/** "10 Sep 2025": the day in the site's zone, for listings (three-letter months, house style). */
export function formatDay(date: Date): string {
  const parts = dayParts.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return `${part('day')} ${MONTHS[part('month') - 1]} ${part('year')}`;
}
