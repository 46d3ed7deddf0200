/**
 * The date archive's calendar: which year and month an article belongs to,
 * counted in the site's time zone (a story filed at 23:30 on 31 May in Hà Nội
 * is a May story, whatever UTC says).
 */

export interface CalendarMonth {
  /** Four digits: "2025". */
  year: string;
  /** Two digits: "05". */
  month: string;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** The year and month of `date` on the calendar of `timeZone`. */
export function calendarMonth(date: Date, timeZone: string): CalendarMonth {
  let format = monthFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit' });
    monthFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: part('year').padStart(4, '0'), month: part('month') };
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "May" for "05". */
export function monthName(month: string): string {
  const name = MONTH_NAMES[Number(month) - 1];
  if (!name) throw new Error(`not a month: ${month}`);
  return name;
}
