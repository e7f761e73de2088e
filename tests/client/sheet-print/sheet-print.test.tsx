// @vitest-environment happy-dom
// The print view: a header naming unit, person, 年度 and state; every item with its answer as
// the person reads it, tables as tables (the priority worked out); the approval block with
// the dates of submission and sign-off; the check of the sheet's history offered above the
// sheet and left off the paper.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SheetPrint } from '@/client/features/sheet-print/sheet-print.tsx';
import {
  person,
  sheet,
  signedInDevice,
  signOutDevice,
  templates,
} from '../support/staff-device.ts';
import { intactHistoryServer } from '../support/verify-server.ts';

const chief = person();

afterEach(() => {
  cleanup();
  signOutDevice();
});

describe('the print view', () => {
  it('prints a risk sheet with its tables, its header and the approval block', async () => {
    const risks = templates.risk.sections[0]!.items[0]!;
    if (risks.kind !== 'table') throw new Error('the risk sheet starts with its risk table');
    const cells: Record<string, unknown> = {};
    for (const column of risks.columns)
      if (column.kind === 'number') cells[column.id] = 3;
      else if (column.kind === 'choice') cells[column.id] = column.options[0]!.id;
      else if (column.kind === 'date') cells[column.id] = '2026-07-01';
      else if (column.kind !== 'priority') cells[column.id] = `${column.label.ja}の記入`;
    await signedInDevice(chief, {
      sheets: [
        sheet('s-risk', {
          templateId: templates.risk.id,
          owner: { kind: 'workplace' },
          state: 'approved',
        }),
      ],
      answers: [{ sheetId: 's-risk', itemId: risks.id, answer: { value: [{ id: 'r1', cells }] } }],
      events: [
        {
          sheetId: 's-risk',
          seq: 1,
          type: 'submitted',
          actorId: 'p-staff',
          at: '2026-07-02T01:00:00.000Z',
        },
        {
          sheetId: 's-risk',
          seq: 2,
          type: 'approved',
          actorId: chief.id,
          at: '2026-07-03T01:00:00.000Z',
        },
      ],
    });
    render(<SheetPrint sheetId="s-risk" person={chief} />);
    const header = await screen.findByTestId('print-header');
    expect(header.textContent).toContain('総務課');
    expect(header.textContent).toContain('令和8年度 通年');
    expect(header.textContent).toContain('確認済み');

    const table = screen.getAllByRole('table').find((t) => t.classList.contains('print-table'))!;
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['番号', ...risks.columns.map((c) => c.label.ja)]);
    const row = within(table).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('高'); // 3 × 3
    expect(row.textContent).toContain('令和8年7月1日');

    const approval = screen.getByTestId('approval-block');
    expect(within(approval).getByRole('heading').textContent).toBe('確認欄');
    const [submitted, approved, approver] = within(approval).getAllByRole('cell');
    expect(submitted!.textContent).toBe('令和8年7月2日');
    expect(approved!.textContent).toBe('令和8年7月3日');
    expect(approver!.textContent).toBe(chief.name);
    expect(screen.getByRole('button', { name: '印刷' })).toBeTruthy();
  });

  it('prints every item of an unanswered sheet as unanswered', async () => {
    await signedInDevice(chief, { sheets: [sheet('s-1')] });
    render(<SheetPrint sheetId="s-1" person={chief} />);
    await screen.findByTestId('print-header');
    const items = templates.ethics.sections.flatMap((s) => s.items);
    expect(screen.getAllByText('（未回答）')).toHaveLength(items.length);
    expect(screen.getByTestId('print-header').textContent).toContain(chief.name);
  });

  it('offers the check of the sheet’s history above the sheet, and leaves it off the paper', async () => {
    await signedInDevice(chief, { sheets: [sheet('s-1', { state: 'approved' })] });
    const requests = intactHistoryServer(3);
    render(<SheetPrint sheetId="s-1" person={chief} />);
    const check = await screen.findByRole('region', { name: '履歴の検証' });
    expect(within(check).getByRole('heading', { level: 2, name: '履歴の検証' })).toBeTruthy();
    await userEvent.click(within(check).getByRole('button', { name: '履歴を検証' }));
    await waitFor(() =>
      expect(within(check).getByRole('status').textContent).toBe(
        '履歴は改ざんされていません（3件の記録を確認）。',
      ),
    );
    expect(requests).toEqual(['GET /api/sheets/s-1/verify']);
    // Marked no-print, which the print stylesheet hides (with every button).
    expect(check.classList.contains('no-print')).toBe(true);
    const css = readFileSync(join(import.meta.dirname, '../../../src/client/styles.css'), 'utf8');
    const print = css.slice(css.indexOf('@media print'));
    const hiding = print.slice(
      print.indexOf('.no-print'),
      print.indexOf('}', print.indexOf('.no-print')),
    );
    expect(hiding).toMatch(/^\.no-print,[^{]*\{\s*display: none !important;/);
  });
});
