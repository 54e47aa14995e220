import { z } from 'astro/zod';
import { plainDate, slug, text, translations } from './common.ts';

/** One entry of `content/components.yaml`. */
export const componentSchema = z.strictObject({
  /** Slug used in incident files and URLs, such as `api`. */
  id: slug,
  /** Name shown to readers, such as "REST API". */
  name: text,
  /** One sentence on what it is. */
  description: text.optional(),
  /** Display group, such as "Core platform"; components without one are listed on their own. */
  group: text.optional(),
  /** The name, description and group in the site's other languages: `translations: {de: {name: …}}`. */
  translations: translations({ name: text.optional(), description: text.optional(), group: text.optional() }),
  /** Where it runs: regions, data centers ("us-east-1", "Frankfurt"); impact phases may name some of them. */
  locations: z.array(text).min(1, 'must list at least one location, or be left out').optional(),
  /** Date (YYYY-MM-DD) its uptime history starts; time before it is not counted. */
  since: plainDate.optional(),
  /** Monthly availability target in percent, such as 99.9. */
  slo: z
    .number()
    .gt(0, 'must be a percentage above 0, such as 99.9')
    .lt(100, 'must be below 100; a 100 % target leaves no error budget')
    .optional(),
});
export type Component = z.output<typeof componentSchema>;

/** `content/components.yaml`: the list of components, in display order. */
export const componentsSchema = z
  .array(componentSchema)
  .min(1, 'must list at least one component')
  .superRefine((components, ctx) => {
    const seen = new Map<string, number>();
    components.forEach((component, index) => {
      const first = seen.get(component.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: `"${component.id}" is already the id of component [${first}]; ids must be unique`,
        });
      } else seen.set(component.id, index);
    });
  });
