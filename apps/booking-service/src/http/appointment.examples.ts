/** Requests that succeed, shown in the API description and tried by its fuzzer (the slot id comes from a published slot). */
export const bookExample = {
  slotId: 'a-slot-id-from-POST-/slots',
  patient: { nhsNumber: '9434765919', name: 'Jane Smith', dateOfBirth: '1980-04-02', contact: { phone: '07700900123', preferredChannel: 'sms' } },
  description: 'Blood test',
  comment: 'Fasting since midnight',
  reasonableAdjustments: ['Wheelchair access'],
};

export const amendExample = { comment: 'Will arrive 5 minutes early', supporter: { name: 'John Smith', role: 'carer', relationship: 'husband' } };
export const cancelExample = { reason: 'No longer needed' };
export const rescheduleExample = { slotId: 'another-slot-id' };
export const rebookExample = { slotId: 'another-slot-id', reason: 'Reassessed by 111: needs an earlier appointment' };
export const attendanceExample = { status: 'attended' };
