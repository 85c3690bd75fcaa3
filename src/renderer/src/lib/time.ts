// Officers work in Yantai: every time the app shows or stamps is China Standard Time, whatever the machine's zone.
// China has kept UTC+8 all year since 1991, so a fixed offset gives the dates and times of the Asia/Shanghai zone
// without building an Intl time-zone formatter, which a start would otherwise do before it draws the task list.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

const CHINA_OFFSET_MINUTES = 8 * 60;

/** Now as ISO 8601 with the +08:00 offset, as the server expects for completedAt. */
export function nowIsoWithOffset(now: Date = new Date()): string {
  return dayjs(now).utcOffset(CHINA_OFFSET_MINUTES).format('YYYY-MM-DDTHH:mm:ssZ');
}

export function formatDateTime(iso: string): string {
  return dayjs(iso).utcOffset(CHINA_OFFSET_MINUTES).format('YYYY-MM-DD HH:mm');
}

/** Today's date (YYYY-MM-DD) in Yantai. */
export function todayInShanghai(now: Date = new Date()): string {
  return dayjs(now).utcOffset(CHINA_OFFSET_MINUTES).format('YYYY-MM-DD');
}
