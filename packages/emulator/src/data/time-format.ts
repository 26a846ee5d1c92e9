/** Formats Unix seconds as Vtiger's `YYYY-MM-DD HH:MM:SS` (UTC). */
export function formatDateTime(unixSeconds: number): string {
  const iso = new Date(unixSeconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Parses `YYYY-MM-DD HH:MM:SS` (UTC) into Unix seconds. */
export function parseDateTime(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`) / 1000;
}
