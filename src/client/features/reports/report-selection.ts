// What an auditor chooses a report for: the fiscal year, a round (one template and period in
// that year) and a unit, from the rounds and units the server lists.
import type { RoundListing } from '@/shared/api/schemas.ts';
import type { Period } from '@/shared/fiscal-year.ts';
import { countSum, rollUp } from '@/shared/metrics/unit-rollup.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import { templateItems, type Template } from '@/shared/schemas/template.ts';

export interface RoundChoice {
  /** `<template>|<period>`: a round is one of these in a fiscal year. */
  key: string;
  templateId: string;
  period: Period;
}

export const roundKey = (templateId: string, period: Period) => `${templateId}|${period}`;

/** The fiscal years with rounds, and this one, newest first. */
export function fiscalYearsOf(rounds: readonly RoundListing[], current: number): number[] {
  const years = new Set([current, ...rounds.map((r) => r.round.fiscalYear)]);
  return [...years].sort((a, b) => b - a);
}

/** The rounds of a fiscal year, by template and period. */
export function roundsOfYear(rounds: readonly RoundListing[], fiscalYear: number): RoundChoice[] {
  return rounds
    .filter((r) => r.round.fiscalYear === fiscalYear)
    .map(({ round }) => ({
      key: roundKey(round.templateId, round.period),
      templateId: round.templateId,
      period: round.period,
    }))
    .sort((a, b) => a.templateId.localeCompare(b.templateId) || a.period.localeCompare(b.period));
}

/**
 * Whether a round's template has statements whose answers are counted (the agreement scale
 * or yes/no); a template the device does not hold is given the benefit of the doubt.
 */
export function hasCountedAnswers(template: Template | undefined): boolean {
  return (
    template === undefined ||
    templateItems(template).some((i) => i.kind === 'agreement4' || i.kind === 'yes_no_na')
  );
}

/** Whether a template has agreement statements: the answers screen opens on such a round. */
export function hasAgreementStatements(template: Template | undefined): boolean {
  return template !== undefined && templateItems(template).some((i) => i.kind === 'agreement4');
}

/** The units in the organisation chart's order, each with how deep it sits. */
export function unitTree(units: readonly Unit[]): { unit: Unit; depth: number }[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  return rollUp(units, new Map(), countSum([])).units.flatMap(({ unit, depth }) => {
    const full = byId.get(unit.id);
    return full ? [{ unit: full, depth }] : [];
  });
}
