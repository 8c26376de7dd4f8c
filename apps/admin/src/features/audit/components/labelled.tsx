import type { ReactNode } from 'react';

/**
 * A filter's label and its control as one piece: the filters wrap between pieces, never between a label and its
 * control (on a phone 结果 sat alone at a line's end, its select on the next).
 */
export function Labelled({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center', maxWidth: '100%' }}>
      <label htmlFor={id} style={{ whiteSpace: 'nowrap' }}>
        {label}
      </label>
      {children}
    </span>
  );
}
