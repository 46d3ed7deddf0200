import { describe, expect, it } from 'vitest';
import { LARGE_ARCHIVE, largeArchiveWarning } from '../../src/lib/content/article-loader';

describe('an archive too large for one build', () => {
  it('says so before the build starts, pointing at the build in slices', () => {
    expect(largeArchiveWarning(2_225)).toBeUndefined();
    expect(largeArchiveWarning(LARGE_ARCHIVE)).toBeUndefined();
    const line = largeArchiveWarning(40_000)!;
    expect(line).toMatch(/^40,000 stories: /);
    expect(line).toContain('npm run build:archive');
    expect(line).not.toContain('\n');
  });
});
