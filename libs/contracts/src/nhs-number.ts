/**
 * NHS number check: 10 digits whose last is the modulus-11 check digit of the first nine
 * (weights 10..2; a remainder giving 10 means the number is invalid, 11 means a check digit of 0).
 */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(value[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(value[9]);
}
