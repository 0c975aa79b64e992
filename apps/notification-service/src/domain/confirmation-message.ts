const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** The confirmation text, with the time shown in UK local time (right across daylight-saving changes). */
export function confirmationMessage(appointment: { start: string; serviceType: string; organisation: string; deliveryChannel: string }): string {
  const when = londonDateTime.format(new Date(appointment.start));
  return `Your ${appointment.serviceType} appointment (${appointment.deliveryChannel}) with ${appointment.organisation} is booked for ${when}.`;
}
