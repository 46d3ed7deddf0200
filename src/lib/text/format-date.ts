import { site } from '../../site.config.ts';

const long = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit',
  timeZone: site.timeZone, timeZoneName: 'short',
});
const dayParts = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: site.timeZone });

// House style abbreviates every month to three letters; ICU's en-GB writes "Sept".
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `format` remembered per instant: a build prints each story's date on its
 * page, in every listing and in other stories' related lists, and ICU's
 * formatting is the costly part of a listing item.
 */
function remembered(format: (date: Date) => string): (date: Date) => string {
  const seen = new Map<number, string>();
  return (date) => {
    const time = date.getTime();
    let text = seen.get(time);
    if (text === undefined) seen.set(time, (text = format(date)));
    return text;
  };
}

/** "18 May 2025, 09:30 GMT+7": the full published time in the site's zone. */
export const formatDateTime = remembered((date) => long.format(date));

/** "10 Sep 2025": the day in the site's zone, for listings (three-letter months, house style). */
export const formatDay = remembered((date) => {
  const parts = dayParts.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return `${part('day')} ${MONTHS[part('month') - 1]} ${part('year')}`;
});
