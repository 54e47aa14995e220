import { launchBrowser } from './test/helpers/browser.ts';
import { serve } from './test/helpers/serve.ts';
const [dir, ...specs] = process.argv.slice(2);
const server = await serve({ '/': dir! });
const browser = await launchBrowser();
for (const spec of specs) {
  const [path, width, scheme] = spec.split(',');
  const ctx = await browser.newContext({ viewport: { width: Number(width), height: 900 }, colorScheme: (scheme as 'dark' | 'light') ?? 'light' });
  const page = await ctx.newPage();
  await page.goto(server.url + path);
  const name = `/tmp/shot-${path!.replace(/\W+/g, '_')}-${width}-${scheme ?? 'light'}.png`;
  await page.screenshot({ path: name, fullPage: true });
  console.log(name);
  await ctx.close();
}
await browser.close();
await server.close();
