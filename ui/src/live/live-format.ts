/** "08:05" in the school's time zone (Vietnam, UTC+7), for an instant sent by the server. */
export function clock(iso: string): string {
  return new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));
}
