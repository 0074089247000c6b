// "YYYY-MM-DD" of the person's own calendar day: what they see on a wall
// calendar, not UTC's (an evening in New York is already tomorrow in UTC).
export const localDay = (date = new Date()) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
