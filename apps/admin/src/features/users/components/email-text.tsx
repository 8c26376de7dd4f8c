import type { ReactNode } from 'react';

/**
 * A login email that wraps only after its '@' and its dots (dongqu.|demo, never dongqu.dem|o): a phone's card
 * and antd's Descriptions let long words break anywhere, which here would split a word of the address. Copying
 * it copies the plain address (<wbr> adds no character).
 */
export function EmailText({ email }: { email: string }) {
  const parts: ReactNode[] = [];
  let start = 0;
  for (let at = 0; at < email.length - 1; at++) {
    if (email[at] === '@' || email[at] === '.') {
      parts.push(email.slice(start, at + 1), <wbr key={at} />);
      start = at + 1;
    }
  }
  parts.push(email.slice(start));
  // a part longer than the line still breaks rather than push the card wider than the screen
  return <span style={{ wordBreak: 'normal', overflowWrap: 'break-word' }}>{parts}</span>;
}
