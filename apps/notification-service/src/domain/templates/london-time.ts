/**
 * Instants as people in the UK read them: Europe/London local time, so the same instant reads an hour later in
 * summer (BST) than in winter (GMT), right on both sides of a clock change.
 */
const londonFormat = (locale: string) =>
  new Intl.DateTimeFormat(locale, {
    timeZone: 'Europe/London',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });

// Building a formatter costs far more than formatting (it loads locale and zone data): one per locale, made once.
const formats = { 'en-GB': londonFormat('en-GB'), cy: londonFormat('cy') };

const partsOf = (instant: string, locale: keyof typeof formats): Record<string, string> =>
  Object.fromEntries(formats[locale].formatToParts(new Date(instant)).map((part) => [part.type, part.value]));

/** GOV.UK style: `Sunday 31 March 2030 at 2:30am`, `midday`, `midnight`. */
export function englishDateTime(instant: string): string {
  const { weekday, day, month, year, hour, minute } = partsOf(instant, 'en-GB');
  const hours = Number(hour);
  const time =
    minute === '00' && hours === 12 ? 'midday' : minute === '00' && hours === 0 ? 'midnight' : `${hours % 12 || 12}:${minute}${hours < 12 ? 'am' : 'pm'}`;
  return `${weekday} ${day} ${month} ${year} at ${time}`;
}

/** Welsh, with the 24-hour clock usual in Welsh: `Dydd Sul 31 Mawrth 2030 am 02:30`. */
export function welshDateTime(instant: string): string {
  const { weekday, day, month, year, hour, minute } = partsOf(instant, 'cy');
  return `${weekday} ${day} ${month} ${year} am ${hour}:${minute}`;
}
