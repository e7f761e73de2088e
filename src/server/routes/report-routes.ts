// The auditors' reports: completion, answer trends, the share of "no", the risk register
// and a round's evidence, each as JSON for a screen or as a CSV / XLSX file for Excel.
// Only people who read reports reach here (the operation list says so); every report only
// reads, and counts in SQL (src/server/reports/report-store.ts).
import type { Context, Hono } from 'hono';
import { operations } from '@/shared/api/operations.ts';
import type {
  AnswerTrendsReport,
  CompletionReport,
  NoSharesReport,
  ReportFormat,
  ReportRoundQuery,
  RiskRegisterReport,
  RoundEvidence,
} from '@/shared/api/schemas.ts';
import { dateInJapan } from '@/shared/fiscal-year.ts';
import type { Locale } from '@/shared/locale.ts';
import {
  answerTrends,
  DROP_POINTS,
  MIN_GROUP_SIZE,
  noShares,
} from '@/shared/metrics/answer-trends.ts';
import { completionReport } from '@/shared/metrics/completion.ts';
import {
  answerTrendsTable,
  completionTable,
  evidenceTables,
  noSharesTable,
  riskRegisterTables,
  type ReportTable,
} from '@/shared/metrics/report-tables.ts';
import { riskRegister } from '@/shared/metrics/risk-register.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import { templateItems, type Template } from '@/shared/schemas/template.ts';
import type { Queryable } from '../db/database.ts';
import { apiError } from '../http-errors.ts';
import { loadRoundEvidence } from '../reports/evidence.ts';
import { reportFile } from '../reports/report-files.ts';
import {
  loadAgreementTallies,
  loadCompletionCounts,
  loadReportTemplate,
  loadRiskSheets,
  loadYesNoTallies,
  readReport,
  roundTemplateVersion,
  type RoundFilter,
} from '../reports/report-store.ts';
import type { ServerContext } from '../server-context.ts';
import { unitsBelow } from '../sheets/reach.ts';
import { loadUnits, loadUnitWithChildren } from '../sheets/sheet-store.ts';
import { mountOperation } from './mount-operation.ts';

interface Output {
  format: ReportFormat;
  lang: Locale;
}

/** The report as JSON, or its tables as a file; `csvTable` picks the one a CSV holds. */
function respond(
  c: Context,
  output: Output,
  baseName: string,
  report: object,
  tables: () => ReportTable[],
  csvTable = 0,
): Response {
  if (output.format === 'json') return c.json(report);
  const all = tables();
  const chosen = output.format === 'csv' ? all.slice(csvTable, csvTable + 1) : all;
  return reportFile(c, output.format, output.lang, baseName, chosen);
}

type Scope =
  { ok: true; units: Unit[]; unitIds: string[] | null } | { ok: false; response: Response };

/** The units, and those a report is narrowed to (the unit and below it); 404 for no such unit. */
async function scopeOf(c: Context, db: Queryable, unitId: string | undefined): Promise<Scope> {
  const units = await loadUnits(db);
  if (unitId === undefined) return { ok: true, units, unitIds: null };
  if (!units.some((u) => u.id === unitId))
    return { ok: false, response: apiError(c, 404, 'not_found', 'there is no such unit') };
  return { ok: true, units, unitIds: unitsBelow([unitId], units) };
}

type RoundTemplate = { ok: true; template: Template } | { ok: false; response: Response };

/** The template version the round's sheets pin (the newest when there is no round); 404 for none. */
async function roundTemplate(
  c: Context,
  db: Queryable,
  q: ReportRoundQuery,
): Promise<RoundTemplate> {
  const version = await roundTemplateVersion(db, q);
  const template = await loadReportTemplate(db, q.templateId, version);
  return template
    ? { ok: true, template }
    : { ok: false, response: apiError(c, 404, 'not_found', 'there is no such template') };
}

const roundOf = (q: ReportRoundQuery) => ({
  templateId: q.templateId,
  fiscalYear: q.fiscalYear,
  period: q.period,
  unitId: q.unitId ?? null,
});

const roundName = (q: ReportRoundQuery) =>
  `${q.templateId}-${q.fiscalYear}-${q.period}${q.unitId ? `-${q.unitId}` : ''}`;

export function reportRoutes(app: Hono, ctx: ServerContext): void {
  mountOperation(app, ctx, operations.getCompletionReport, async ({ c, query }) => {
    const now = ctx.clock();
    const today = dateInJapan(now);
    const [units, counts] = await readReport(ctx.db, async (tx) => [
      await loadUnits(tx),
      await loadCompletionCounts(tx, query, today),
    ]);
    const figures = completionReport(units, counts);
    const report: CompletionReport = {
      fiscalYear: query.fiscalYear,
      templateId: query.templateId ?? null,
      period: query.period ?? null,
      generatedAt: now.toISOString(),
      today,
      city: figures.city,
      units: figures.units,
    };
    const name = ['completion', query.fiscalYear, query.templateId, query.period]
      .filter((part) => part !== undefined)
      .join('-');
    return respond(c, query, name, report, () => [completionTable(report, query.lang)]);
  });

  mountOperation(app, ctx, operations.getAnswerTrends, ({ c, query }) =>
    readReport(ctx.db, async (tx) => {
      const scope = await scopeOf(c, tx, query.unitId);
      if (!scope.ok) return scope.response;
      const found = await roundTemplate(c, tx, query);
      if (!found.ok) return found.response;
      const { template } = found;
      const filter: RoundFilter = { ...query, unitIds: scope.unitIds };
      const itemIds = templateItems(template)
        .filter((i) => i.kind === 'agreement4')
        .map((i) => i.id);
      const { tallies, respondents } = await loadAgreementTallies(tx, filter, itemIds);
      const report: AnswerTrendsReport = {
        round: roundOf(query),
        lastFiscalYear: query.fiscalYear - 1,
        templateVersion: template.version,
        generatedAt: ctx.clock().toISOString(),
        minimumGroup: MIN_GROUP_SIZE,
        dropPoints: DROP_POINTS,
        respondents,
        items: answerTrends(template, tallies),
      };
      return respond(c, query, `answer-trends-${roundName(query)}`, report, () => [
        answerTrendsTable(report, query.lang),
      ]);
    }),
  );

  mountOperation(app, ctx, operations.getNoShares, ({ c, query }) =>
    readReport(ctx.db, async (tx) => {
      // Only the unit and the units directly below it: the columns of its table.
      const unitId = query.unitId ?? null;
      const units = await loadUnitWithChildren(tx, unitId);
      const unit = units.find((u) => u.id === unitId) ?? null;
      if (unitId !== null && !unit) return apiError(c, 404, 'not_found', 'there is no such unit');
      const found = await roundTemplate(c, tx, query);
      if (!found.ok) return found.response;
      const { template } = found;
      const itemIds = templateItems(template)
        .filter((i) => i.kind === 'yes_no_na')
        .map((i) => i.id);
      const tallies = await loadYesNoTallies(tx, query, itemIds, {
        own: unitId,
        below: units.filter((u) => u.id !== unitId).map((u) => u.id),
      });
      const shares = noShares(template, units, tallies, unitId);
      const report: NoSharesReport = {
        round: roundOf(query),
        templateVersion: template.version,
        generatedAt: ctx.clock().toISOString(),
        minimumGroup: MIN_GROUP_SIZE,
        unit,
        columns: shares.columns,
        items: shares.items,
      };
      return respond(c, query, `no-shares-${roundName(query)}`, report, () => [
        noSharesTable(report, query.lang),
      ]);
    }),
  );

  mountOperation(app, ctx, operations.getRiskRegister, ({ c, query }) =>
    readReport(ctx.db, async (tx) => {
      const scope = await scopeOf(c, tx, query.unitId);
      if (!scope.ok) return scope.response;
      const now = ctx.clock();
      const today = dateInJapan(now);
      const sheets = await loadRiskSheets(tx, query.fiscalYear, scope.unitIds);
      // With a unit, the roll-up starts at that unit: the units above it would only repeat it.
      const inScope =
        scope.unitIds === null
          ? scope.units
          : scope.units.filter((u) => scope.unitIds?.includes(u.id));
      const register = riskRegister(inScope, sheets, today);
      const report: RiskRegisterReport = {
        fiscalYear: query.fiscalYear,
        unitId: query.unitId ?? null,
        generatedAt: now.toISOString(),
        today,
        risks: register.risks,
        deficiencies: register.deficiencies,
        units: register.units,
        total: register.total,
      };
      const name = `risk-register-${query.fiscalYear}${query.unitId ? `-${query.unitId}` : ''}`;
      const tableIndex = { risks: 0, deficiencies: 1, units: 2 }[query.table];
      return respond(
        c,
        query,
        query.format === 'csv' ? `${name}-${query.table}` : name,
        report,
        () => riskRegisterTables(report, query.lang),
        tableIndex,
      );
    }),
  );

  mountOperation(app, ctx, operations.getRoundEvidence, ({ c, signedIn, query }) =>
    readReport(ctx.db, async (tx) => {
      const scope = await scopeOf(c, tx, query.unitId);
      if (!scope.ok) return scope.response;
      const evidence = await loadRoundEvidence(
        tx,
        { ...query, unitIds: scope.unitIds },
        scope.units,
      );
      const report: RoundEvidence = {
        round: roundOf(query),
        generatedAt: ctx.clock().toISOString(),
        generatedBy: { id: signedIn.person.id, name: signedIn.person.name },
        ...evidence,
      };
      const name = `evidence-${roundName(query)}`;
      return respond(
        c,
        query,
        query.format === 'csv' ? `${name}-${query.table}` : name,
        report,
        () => evidenceTables(report, query.lang),
        query.table === 'sheets' ? 0 : 1,
      );
    }),
  );
}
