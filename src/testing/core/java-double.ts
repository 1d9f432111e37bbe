/**
 * Formats a number the way Java's `Double.toString` does, which is how Salesforce re-serialises
 * double and currency values it echoes into result files (`912260031` -> `9.12260031E8`,
 * `100` -> `100.0`). Plain notation for 1e-3 <= |v| < 1e7, computerized scientific otherwise.
 * Digits are JavaScript's shortest round-trip digits, which match Java's for ordinary values.
 */
export function formatJavaDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e7) {
    const plain = String(abs);
    return sign + (plain.includes('.') ? plain : `${plain}.0`);
  }
  const [mantissa = '0', exponent = '0'] = abs.toExponential().split('e');
  const digits = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${sign}${digits}E${Number(exponent)}`;
}
