import type { ReactNode } from 'react';

/** A booking day (2026-07-15) or a month (2026-07) in free text: a memo names the report it came from by month. */
const DATE_OR_MONTH = /\d{4}-\d{2}(?:-\d{2})?/g;

/**
 * The text with each date or month kept on one line: browsers break after a hyphen, so on a phone a memo's
 * "2026-07" wrapped as "2026-" / "07". The text itself is unchanged (no non-breaking hyphen), so it copies and
 * searches as typed.
 */
export function keepDatesWhole(text: string): ReactNode {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(DATE_OR_MONTH)) {
    const at = match.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(
      <span key={at} className="keep-whole" style={{ whiteSpace: 'nowrap' }}>
        {match[0]}
      </span>,
    );
    last = at + match[0].length;
  }
  if (parts.length === 0) return text;
  if (last < text.length) parts.push(text.slice(last));
  // one inline element, not a fragment: in a flex container (a Descriptions value) each part would be an item
  return <span>{parts}</span>;
}
