// @ts-check
import { defineConfig } from 'astro/config';
import statusmark from 'statusmark';

// Everything the site shows comes from content/. Options: statusmark({ content, base, now });
// see node_modules/statusmark/docs/configuration.md.
export default defineConfig({
  integrations: [statusmark()],
});
