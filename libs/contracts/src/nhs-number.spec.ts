import { isValidNhsNumber } from './nhs-number';

describe('NHS number modulus-11 check', () => {
  it.each(['9434765919', '9990000018', '4010232137', '9000000009'])('accepts %s', (n) => {
    expect(isValidNhsNumber(n)).toBe(true);
  });

  it.each([
    ['9434765918', 'wrong check digit'],
    ['943476591', 'nine digits'],
    ['94347659190', 'eleven digits'],
    ['943476591a', 'a letter'],
    ['9434 76591', 'a space'],
    ['1000000010', 'remainder that gives check digit 10'],
  ])('refuses %s (%s)', (n) => {
    expect(isValidNhsNumber(n)).toBe(false);
  });
});
