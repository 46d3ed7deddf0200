import { describe, expect, it } from 'vitest';
import { LARGE_ARCHIVE, largeArchiveWarning, slicesAbove } from '../../src/lib/content/large-archive';

describe('an archive too large for one build', () => {
  it('says so before the build starts, pointing at the build in slices', () => {
    expect(largeArchiveWarning(2_225)).toBeUndefined();
    expect(largeArchiveWarning(LARGE_ARCHIVE)).toBeUndefined();
    const line = largeArchiveWarning(40_000)!;
    expect(line).toMatch(/^40,000 stories: /);
    expect(line).toContain('`npm run build` builds an archive this size in time slices');
    expect(line).not.toContain('\n');
    expect(largeArchiveWarning(40, 39)).toMatch(/^40 stories: /);
  });

  it('takes its threshold from DISPATCH_SLICES_ABOVE when that is a whole number', () => {
    expect(slicesAbove(undefined)).toBe(LARGE_ARCHIVE);
    expect(slicesAbove('')).toBe(LARGE_ARCHIVE);
    expect(slicesAbove('ten')).toBe(LARGE_ARCHIVE);
    expect(slicesAbove('-1')).toBe(LARGE_ARCHIVE);
    expect(slicesAbove('3')).toBe(3);
  });
});
