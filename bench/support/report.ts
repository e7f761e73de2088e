// One benchmark's part of docs/benchmarks.md.
export interface Section {
  title: string;
  /** What is measured, how, and on what. */
  measures: string;
  baseline: string;
  target: string;
  /** Markdown: the figures. */
  body: string;
  /** One line for the summary table. */
  summary: { result: string; met: boolean | null };
}

export function renderSection(s: Section): string {
  return `## ${s.title}

- **Measures:** ${s.measures}
- **Baseline:** ${s.baseline}
- **Target:** ${s.target}${s.summary.met === null ? '' : s.summary.met ? ' — **met**' : ' — **not met**'}

${s.body.trim()}
`;
}
