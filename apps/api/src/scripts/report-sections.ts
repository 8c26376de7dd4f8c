/**
 * docs/benchmarks.md is written by more than one script: `pnpm bench` writes the sizes, `pnpm bench --citus` its
 * own section and `load --write` one section per database. Each replaces only what it wrote; a section runs from
 * its `## ` heading line to the next `## ` heading (its `### ` parts included) or the end.
 */

/** The section whose heading line is exactly `heading`, with its trailing newline; undefined when absent. */
export function sectionOf(text: string, heading: string): string | undefined {
  const first = text.startsWith(`${heading}\n`);
  const start = first ? 0 : text.indexOf(`\n${heading}\n`) + 1;
  if (start === 0 && !first) return undefined;
  const next = text.indexOf('\n## ', start);
  return text.slice(start, next < 0 ? undefined : next + 1);
}

/** `text` with the section under `heading` replaced by `section` (kept in place), or appended; removed if undefined. */
export function withSection(text: string, heading: string, section: string | undefined): string {
  const earlier = sectionOf(text, heading);
  if (earlier === undefined) return section ? `${text.trimEnd()}\n\n${section.trimEnd()}\n` : text;
  const replaced = text.replace(earlier, section ? `${section.trimEnd()}\n\n` : '');
  return `${replaced.trimEnd()}\n`;
}

/** The sections `load --write` writes, one per database (load.ts). */
export const LOAD_HEADINGS = {
  pglite: '## Load on embedded PGlite',
  postgres: '## Load on PostgreSQL',
} as const;
