import { randomBytes } from 'node:crypto';
import { blindIndex, decrypt, deriveKeys, encrypt, isValidIdCard, isValidPhone, mask } from '../../cloudfunctions/common/pii';

const keys = deriveKeys(randomBytes(32));

it('encrypts with AES-GCM: round-trips, never repeats a ciphertext, and detects tampering', () => {
  const a = encrypt(keys, '13800001234');
  const b = encrypt(keys, '13800001234');
  expect(a).not.toBe(b);
  expect(a).not.toContain('13800001234');
  expect(decrypt(keys, a)).toBe('13800001234');
  const tampered = a.slice(0, -2) + (a.endsWith('A') ? 'BB' : 'AA');
  expect(() => decrypt(keys, tampered)).toThrow();
  expect(() => decrypt(deriveKeys(randomBytes(32)), a)).toThrow();
});

it('keyed hashes are stable per key and differ per kind and per key', () => {
  expect(blindIndex(keys, 'phone', '13800001234')).toBe(blindIndex(keys, 'phone', '13800001234'));
  expect(blindIndex(keys, 'phone', '13800001234')).not.toBe(blindIndex(keys, 'idCard', '13800001234'));
  expect(blindIndex(deriveKeys(randomBytes(32)), 'phone', '13800001234')).not.toBe(blindIndex(keys, 'phone', '13800001234'));
});

it('masks as the product shows them', () => {
  expect(mask('idCard', '110101199003071234')).toBe('110***********1234');
  expect(mask('phone', '13812345678')).toBe('138****5678');
});

it('validates resident ID numbers by date and check character, and phones by shape', () => {
  // Synthetic numbers: region 999999 does not exist; the check characters are computed.
  expect(isValidIdCard('999999199003070012')).toBe(true);
  expect(isValidIdCard('99999919900307008X')).toBe(true);
  expect(isValidIdCard('999999199003070011')).toBe(false);
  // Right check character, but 30 February.
  expect(isValidIdCard('999999199002300015')).toBe(false);
  expect(isValidIdCard('9999991990030700')).toBe(false);
  expect(isValidPhone('13800001234')).toBe(true);
  expect(isValidPhone('12800001234')).toBe(false);
});
