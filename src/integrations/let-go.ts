/**
 * What the integrations let go of when a build is done.
 *
 * Node keeps each build's bundle for the life of the process, and Astro's
 * bundler keeps each build's configuration, with every integration's hooks
 * and what their closures hold. A process that builds once does not notice;
 * the publishing desk's builder (scripts/desk.ts) builds on every change, and
 * kept each publish's corpus, content store and looks at the site folders:
 * about 215 MB more a publish at 10,000 stories, and every collection slower.
 * Listed last, this integration calls each integration's `release` once the
 * site is published.
 */
import type { AstroIntegration } from 'astro';

export function letGo(...releases: (() => void)[]): AstroIntegration {
  return {
    name: 'dispatch:let-go',
    hooks: {
      'astro:build:done': () => {
        for (const release of releases) release();
      },
    },
  };
}
