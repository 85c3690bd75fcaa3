// Officers work in Yantai: every time the app shows or stamps is in Asia/Shanghai, whatever the machine's zone.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const APP_TIME_ZONE = 'Asia/Shanghai';

/** Now as ISO 8601 with the +08:00 offset, as the server expects for completedAt. */
export function nowIsoWithOffset(now: Date = new Date()): string {
  return dayjs(now).tz(APP_TIME_ZONE).format('YYYY-MM-DDTHH:mm:ssZ');
}

export function formatDateTime(iso: string): string {
  return dayjs(iso).tz(APP_TIME_ZONE).format('YYYY-MM-DD HH:mm');
}

/** Today's date (YYYY-MM-DD) in Yantai. */
export function todayInShanghai(now: Date = new Date()): string {
  return dayjs(now).tz(APP_TIME_ZONE).format('YYYY-MM-DD');
}
