/** What was recorded of the patient at the appointment. */
export type AttendanceStatus = 'arrived' | 'attended' | 'did-not-attend';
