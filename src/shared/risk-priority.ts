// The priority of a risk, derived from its likelihood and impact (each 1–3).
export type RiskPriority = 'high' | 'medium' | 'low';

/** 6–9 high, 3–4 medium, 1–2 low: a likely, serious risk is handled first. */
export function riskPriority(likelihood: number, impact: number): RiskPriority {
  const score = likelihood * impact;
  if (score >= 6) return 'high';
  if (score >= 3) return 'medium';
  return 'low';
}
