import { site } from '../site.config';

const long = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit',
  timeZone: site.timeZone, timeZoneName: 'short',
});
const short = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: site.timeZone });

/** "18 May 2025, 09:30 GMT+7": the full published time in the site's zone. */
export function formatDateTime(date: Date): string {
  return long.format(date);
}

/** "18 May 2025": the day, for listings. */
export function formatDay(date: Date): string {
  return short.format(date);
}
