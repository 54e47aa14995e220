import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import type { Loader } from 'astro/loaders';
import { ContentError, loadValidatedContent } from './loader/load.ts';
import type { RawEntries } from './loader/validate.ts';
import { componentSchema } from './schemas/component.ts';
import { createIncidentSchema } from './schemas/incident.ts';
import { createMaintenanceSchema } from './schemas/maintenance.ts';
import { createPostmortemSchema } from './schemas/postmortem.ts';
import { siteSchema } from './schemas/site.ts';

// Validation of the whole tree (cross-file rules included) runs once, before any collection loads;
// an invalid tree throws the same report `npm run check` prints, which stops `astro build`.
const { context, raw } = loadOrExit();

/**
 * Stops `astro build` with the same report `npm run check` prints and no stack trace: a content
 * mistake is the author's to fix, not a crash. The dev server gets the error instead, to show it.
 */
function loadOrExit(): ReturnType<typeof loadValidatedContent> {
  try {
    return loadValidatedContent();
  } catch (error) {
    if (error instanceof ContentError && process.argv.includes('build')) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Feeds one folder's files through Astro's schema validation into the data store. */
function folderLoader(collection: keyof RawEntries): Loader {
  return {
    name: `statusmark-${collection}`,
    load: async (context) => {
      const { store } = context;
      store.clear();
      for (const [index, entry] of raw[collection].entries()) {
        if (collection === 'postmortems' && entry.data.draft === true) continue; // drafts are never built
        // components.yaml is a list; its order is the display order, which the store does not keep.
        const raw = collection === 'components' ? { ...entry.data, position: index } : entry.data;
        const data = await context.parseData({ id: entry.id, data: raw, filePath: entry.file });
        // Astro only accepts file paths inside the project; trees elsewhere (tests, benchmarks) go without.
        const inside = !entry.file.startsWith('/') && !entry.file.startsWith('..');
        store.set({ id: entry.id, data, body: entry.body, ...(inside ? { filePath: entry.file } : {}) });
      }
    },
  };
}

export const collections = {
  site: defineCollection({ loader: folderLoader('site'), schema: siteSchema }),
  components: defineCollection({
    loader: folderLoader('components'),
    schema: componentSchema.extend({ position: z.number().int() }),
  }),
  incidents: defineCollection({ loader: folderLoader('incidents'), schema: createIncidentSchema(context) }),
  maintenance: defineCollection({
    loader: folderLoader('maintenance'),
    schema: createMaintenanceSchema(context),
  }),
  postmortems: defineCollection({
    loader: folderLoader('postmortems'),
    schema: createPostmortemSchema({ ...context, incidentIds: new Set(raw.incidents.map((i) => i.id)) }),
  }),
};
