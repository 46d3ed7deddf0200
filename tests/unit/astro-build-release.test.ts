/**
 * What a build lets go of once it is done (src/integrations/let-go.ts) rests on
 * two things Astro does not promise. These fail on the upgrade that changes
 * them, so that the publishing desk's builder does not quietly start to keep
 * every build's articles again.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

const astro = (path: string) => import(pathToFileURL(join(process.cwd(), 'node_modules/astro/dist', path)).href);

it("clears Astro's route cache of a build through the prerenderer's app (src/integrations/build-data.ts, teardown)", async () => {
  const { BuildApp } = await astro('core/build/app.js');
  const { RouteCache } = await astro('core/render/route-cache.js');
  expect(Object.getOwnPropertyDescriptor(BuildApp.prototype, 'routeCache')?.get).toBeTypeOf('function');
  const cache = new RouteCache(console, 'production');
  cache.set({ route: '/articles/[id]', component: 'src/pages/articles/[id].astro' }, { staticPaths: [] });
  cache.clearAll();
  expect(cache.get({ route: '/articles/[id]', component: 'src/pages/articles/[id].astro' })).toBeUndefined();
});

it("empties Astro's content store by emptying the Map the store's module hands it (src/lib/model/build-data.ts, release)", async () => {
  const { ImmutableDataStore } = await astro('content/data-store.js');
  const collections = new Map([['articles', new Map([['a', { id: 'a' }]])]]);
  const store = await ImmutableDataStore.fromMap(collections);
  expect(store.get('articles', 'a')).toEqual({ id: 'a' });
  collections.clear();
  expect(store.get('articles', 'a')).toBeUndefined();
});
