import { describe, expect, it } from 'vitest';
import { sectionOf, withSection } from './report-sections';

const report =
  '# Benchmarks\n\nintro\n\n## small\n\nfigures\n\n## Load (PostgreSQL)\n\nload\n\n### Reading\n\nnotes\n';

describe('report sections', () => {
  it('finds a section with its ### parts, up to the next ## heading', () => {
    expect(sectionOf(report, '## Load (PostgreSQL)')).toBe(
      '## Load (PostgreSQL)\n\nload\n\n### Reading\n\nnotes\n',
    );
    expect(sectionOf(report, '## small')).toBe('## small\n\nfigures\n\n');
    expect(sectionOf(report, '## Load')).toBeUndefined(); // a heading is matched whole, not as a prefix
    expect(sectionOf('## Load\n\nx\n', '## Load')).toBe('## Load\n\nx\n');
  });

  it('replaces a section in place, appends a new one and leaves the rest as it was', () => {
    expect(withSection(report, '## small', '## small\n\nnew figures\n')).toBe(
      '# Benchmarks\n\nintro\n\n## small\n\nnew figures\n\n## Load (PostgreSQL)\n\nload\n\n### Reading\n\nnotes\n',
    );
    expect(withSection(report, '## Citus', '## Citus\n\ncluster\n')).toBe(`${report}\n## Citus\n\ncluster\n`);
    expect(withSection(report, '## Load (PostgreSQL)', undefined)).toBe(
      '# Benchmarks\n\nintro\n\n## small\n\nfigures\n',
    );
    expect(withSection(report, '## Nothing', undefined)).toBe(report);
    // a section's own text is taken as it is, `$` and all
    expect(sectionOf(withSection(report, '## small', '## small\n\n`$ pnpm bench` $& $1\n'), '## small')).toBe(
      '## small\n\n`$ pnpm bench` $& $1\n\n',
    );
  });
});
