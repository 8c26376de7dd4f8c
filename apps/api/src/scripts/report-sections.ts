/**
 * docs/benchmarks.md is written by more than one script: `pnpm bench` writes the sizes, `pnpm bench --citus` its
 * own section and `load --write` one section per database. Each replaces only what it wrote; a section runs from
 * its `## ` heading line to the next `## ` heading (its `### ` parts included) or the end.
 */

/** The section whose heading line is exactly `heading`, with its trailing newline; undefined when absent. */
export function sectionOf(text: string, heading: string): string | undefined {
  const span = spanOf(text, heading);
  return span && text.slice(span.start, span.end);
}

/** `text` with the section under `heading` replaced by `section` (kept in place), or appended; removed if undefined. */
export function withSection(text: string, heading: string, section: string | undefined): string {
  const span = spanOf(text, heading);
  if (!span) return section ? `${text.trimEnd()}\n\n${section.trimEnd()}\n` : text;
  // spliced, not `String.replace`: a section's text may hold `$&` or `$1`, which a replacement string expands
  const replaced =
    text.slice(0, span.start) + (section ? `${section.trimEnd()}\n\n` : '') + text.slice(span.end);
  return `${replaced.trimEnd()}\n`;
}

function spanOf(text: string, heading: string): { start: number; end: number } | undefined {
  const first = text.startsWith(`${heading}\n`);
  const start = first ? 0 : text.indexOf(`\n${heading}\n`) + 1;
  if (start === 0 && !first) return undefined;
  const next = text.indexOf('\n## ', start);
  return { start, end: next < 0 ? text.length : next + 1 };
}

/** The sections `load --write` writes, one per database (load.ts). */
export const LOAD_HEADINGS = {
  pglite: '## Load on embedded PGlite',
  postgres: '## Load on PostgreSQL',
} as const;
