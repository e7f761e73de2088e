// The app as `npm run build` makes it (vite.config.ts: the React app and the generated
// service worker), built into .tmp/ so dist/ is left alone; built once per run of bench/run.ts.
import { join } from 'node:path';
import { build } from 'vite';
import { repoRoot } from './browser.ts';

export const appDistDir = join(repoRoot, '.tmp', 'bench-app', 'dist');

/** A built chunk's modules, as the bundler reports them (minified, before gzip). */
export interface BuiltChunk {
  fileName: string;
  modules: Record<string, { renderedLength: number }>;
}

let built: Promise<BuiltChunk[]> | undefined;

/** Builds the app into appDistDir (once per process); returns its JS chunks' modules. */
export function buildApp(): Promise<BuiltChunk[]> {
  built ??= (async () => {
    const output = await build({
      root: repoRoot,
      logLevel: 'warn',
      build: { outDir: appDistDir, emptyOutDir: true },
    });
    const outputs = (Array.isArray(output) ? output : [output]) as {
      output?: { type: string; fileName: string; modules?: BuiltChunk['modules'] }[];
    }[];
    return outputs.flatMap((o) =>
      (o.output ?? [])
        .filter((c) => c.type === 'chunk')
        .map((c) => ({ fileName: c.fileName, modules: c.modules ?? {} })),
    );
  })();
  return built;
}
