// The app shell's weight: the JS and CSS a page loads before its first screen, gzipped as a
// server would send them, against React and React DOM alone; the screens loaded only when
// opened (a chief's, an auditor's, an administrator's), which the service worker also
// precaches, are listed beside it.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { appDistDir, buildApp, type BuiltChunk } from './support/app-build.ts';
import { repoRoot } from './support/browser.ts';
import type { Section } from './support/report.ts';
import { count } from './support/stats.ts';

const TARGET_KB = 200;
const frameworkDir = join(repoRoot, '.tmp', 'bench-app-shell-framework');

const gzipBytes = (body: Buffer) => gzipSync(body, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

interface ShellFile {
  file: string;
  from: string;
  raw: number;
  gzip: number;
}

/**
 * The JS and CSS named by index.html (the entry, the chunks it imports, the styles): the
 * shell; and the other JS and CSS of the service worker's precache manifest: the screens
 * loaded when opened.
 */
async function builtFiles(): Promise<ShellFile[]> {
  const html = await readFile(join(appDistDir, 'index.html'), 'utf8');
  const sw = await readFile(join(appDistDir, 'sw.js'), 'utf8');
  const fromHtml = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const fromSw = [...sw.matchAll(/url:"([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const files = [...new Set([...fromHtml, ...fromSw])].filter((f): f is string => !!f);
  if (!files.some((f) => f.endsWith('.js'))) throw new Error('index.html names no JS file');
  return Promise.all(
    files.map(async (file) => {
      const body = await readFile(join(appDistDir, file));
      const from = [fromHtml.includes(file) && 'index.html', fromSw.includes(file) && 'precache']
        .filter(Boolean)
        .join(', ');
      return { file, from, raw: body.length, gzip: gzipBytes(body) };
    }),
  );
}

/** React and React DOM rendering one element, built by Vite as the app is (production). */
async function frameworkAlone(): Promise<{ raw: number; gzip: number }> {
  await mkdir(frameworkDir, { recursive: true });
  await writeFile(
    join(frameworkDir, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="/main.js"></script>\n',
  );
  await writeFile(
    join(frameworkDir, 'main.js'),
    "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\n" +
      "createRoot(document.getElementById('root')).render(createElement('p', null, 'hello'));\n",
  );
  const outDir = join(frameworkDir, 'dist');
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    root: frameworkDir,
    publicDir: false,
    build: { outDir, emptyOutDir: true },
  });
  const chunks = (Array.isArray(output) ? output : [output]) as {
    output?: { type: string; fileName: string }[];
  }[];
  let raw = 0;
  let gzip = 0;
  for (const c of chunks.flatMap((o) => o.output ?? []))
    if (c.type === 'chunk') {
      const body = await readFile(join(outDir, c.fileName));
      raw += body.length;
      gzip += gzipBytes(body);
    }
  return { raw, gzip };
}

/** Rendered bytes (before minification) per package or src/ folder, largest first. */
function byOrigin(chunks: BuiltChunk[]): { origin: string; bytes: number }[] {
  const sizes = new Map<string, number>();
  for (const chunk of chunks)
    for (const [id, m] of Object.entries(chunk.modules)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1];
      const src = /\/src\/((?:[^/]+\/)?[^/]+)\//.exec(id)?.[1];
      const origin = pkg ?? (src ? `src/${src}/` : id.replace(repoRoot, ''));
      sizes.set(origin, (sizes.get(origin) ?? 0) + m.renderedLength);
    }
  return [...sizes].map(([origin, bytes]) => ({ origin, bytes })).sort((a, b) => b.bytes - a.bytes);
}

export async function benchAppShellSize(): Promise<Section> {
  console.error('app-shell-size: building the app…');
  const chunks = await buildApp();
  const built = await builtFiles();
  const files = built.filter((f) => f.from.includes('index.html'));
  const later = built.filter((f) => !f.from.includes('index.html'));
  console.error('app-shell-size: building React and React DOM alone…');
  const framework = await frameworkAlone();
  const total = files.reduce((n, f) => n + f.gzip, 0);
  const totalRaw = files.reduce((n, f) => n + f.raw, 0);
  const met = total / 1024 <= TARGET_KB;
  const origins = byOrigin(chunks);
  const minified = origins.reduce((n, o) => n + o.bytes, 0);
  const rowOf = (f: ShellFile) => `| \`${f.file}\` | ${f.from} | ${kb(f.raw)} | ${kb(f.gzip)} |`;
  const fileRows = files.map(rowOf).join('\n');
  const laterRows = later.map(rowOf).join('\n');
  const laterGzip = later.reduce((n, f) => n + f.gzip, 0);
  const laterRaw = later.reduce((n, f) => n + f.raw, 0);
  const originRows = origins
    .slice(0, 12)
    .map((o) => `| ${o.origin} | ${kb(o.bytes)} | ${((o.bytes / minified) * 100).toFixed(1)} % |`)
    .join('\n');
  return {
    title: 'App shell size (gzip)',
    measures: `the JS and CSS the app shell loads before its first screen: every .js and .css file named by the built index.html (the entry script, the chunks it preloads, the stylesheet), from \`vite build\` with vite.config.ts into .tmp/bench-app/dist (dist/ untouched), each gzipped with node:zlib \`gzipSync\` at level 9, summed. The screens of chiefs, auditors and administrators load when first opened (React.lazy in src/client/app/app.tsx); their files, and the rest of the service worker's precache manifest (sw.js), which an installed app also downloads for offline use, are listed below the shell with their own total. The service worker's own files (sw.js, workbox-*.js) are not counted: the page does not load them.`,
    baseline: `React and React DOM alone: a page that renders one element with \`createRoot\`, built by the same Vite (production) and gzipped the same way: ${kb(framework.gzip)} (${kb(framework.raw)} minified).`,
    target: `≤ ${TARGET_KB} KB gzipped in all.`,
    body: `| file | named by | minified | gzip |
| --- | --- | ---: | ---: |
${fileRows}
| **the shell** | | ${kb(totalRaw)} | **${kb(total)}** |
${laterRows}
| loaded when opened, precached | | ${kb(laterRaw)} | ${kb(laterGzip)} |
| the shell and the rest of the precache | | ${kb(totalRaw + laterRaw)} | ${kb(total + laterGzip)} |
| baseline: React + React DOM alone | | ${kb(framework.raw)} | ${kb(framework.gzip)} |

Where the JS comes from (the bundler's rendered bytes per package or src/ folder, before minification and gzip, so only the shares compare; ${count(Object.values(chunks).reduce((n, c) => n + Object.keys(c.modules).length, 0))} modules, the largest 12 origins):

| origin | rendered | share |
| --- | ---: | ---: |
${originRows}
`,
    summary: {
      result: `${kb(total)} gzipped (${files.length} files) vs React + React DOM alone ${kb(framework.gzip)}: ${(total / framework.gzip).toFixed(2)}×; ${kb(laterGzip)} more loaded when opened`,
      met,
    },
  };
}
