/**
 * An initial password for a new or reset account (ADR 0021): shown once to the admin, who hands it over in
 * person or by phone. Four groups of four from an alphabet without look-alikes (no 0/o, 1/l/i), easy to read
 * aloud and type on a phone: 16 characters of 31, about 79 bits from the CSPRNG.
 */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 16;

export function generateInitialPassword(): string {
  const chars: string[] = [];
  // rejection sampling: 248 is the largest multiple of 31 below 256, so every character is equally likely
  const limit = 256 - (256 % ALPHABET.length);
  while (chars.length < LENGTH) {
    const bytes = new Uint8Array(32);
    crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte < limit && chars.length < LENGTH) chars.push(ALPHABET[byte % ALPHABET.length] as string);
    }
  }
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
