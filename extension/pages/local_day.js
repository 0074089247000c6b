// "YYYY-MM-DD" of the person's own calendar day: what they see on a wall
// calendar, not UTC's (an evening in New York is already tomorrow in UTC).
// It sits with the pages because they load it as a file of the package (which
// holds pages/, not the worker's sources); the worker has it in its bundle.
export const localDay = (date = new Date()) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
