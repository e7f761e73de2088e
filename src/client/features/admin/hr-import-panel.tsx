// 人事データ取込: the administrator picks the HR system's CSV files, sees every problem in
// them or a preview of what importing would change, and confirms. The exact bytes that were
// previewed are what is imported, and only while the result is still the one shown.
import { useEffect, useRef, useState, type ChangeEvent, type Ref } from 'react';
import { operations } from '@/shared/api/operations.ts';
import type { HrImportPreview } from '@/shared/api/schemas.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import { ApiError, callApi } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { fileToBase64, formatSize, problemOf, type UnitNames } from './admin-text.ts';
import { changesAnything, HrChangesView, type HrChanges } from './hr-changes-view.tsx';
import { useShowAll } from './show-all.tsx';
import { ProblemLine, StatusLine } from '../../components/notices.tsx';

type HrErrors = Extract<HrImportPreview, { ok: false }>['errors'];
type Warnings = Extract<HrImportPreview, { ok: true }>['warnings'];
interface EncodedFiles {
  unitsCsv?: string;
  peopleCsv: string;
}

type Result =
  | { kind: 'errors'; errors: HrErrors }
  | {
      kind: 'preview';
      changes: HrChanges;
      warnings: Warnings;
      digest: string;
      files: EncodedFiles;
    }
  | { kind: 'applied'; changes: HrChanges };

type Step = 'reading' | 'previewing' | 'applying';
const stepKeys: Record<Step, MessageKey> = {
  reading: 'hrReading',
  previewing: 'hrPreviewing',
  applying: 'hrApplying',
};

function unitsOf(changes: HrChanges): Unit[] {
  return [...changes.newUnits, ...changes.changedUnits.map((c) => c.unit)];
}

function ErrorsTable({ errors }: { errors: HrErrors }) {
  const { t, locale } = useT();
  const { visible, toggle } = useShowAll(errors);
  return (
    <>
      <div className="table-scroll">
        <table className="data-table" data-testid="hr-errors">
          <caption>{t('hrErrorsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('hrErrorFile')}</th>
              <th scope="col">{t('hrErrorLine')}</th>
              <th scope="col">{t('hrErrorColumn')}</th>
              <th scope="col">{t('hrErrorMessage')}</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((e, i) => (
              <tr key={i}>
                <td>{t(e.file === 'units' ? 'hrFileUnits' : 'hrFilePeople')}</td>
                <td className="number">{e.line}</td>
                <td>{e.column ?? '—'}</td>
                <td>{e.message[locale]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {toggle}
    </>
  );
}

function FileField({
  id,
  label,
  hint,
  file,
  disabled,
  required,
  onChange,
  inputRef,
}: {
  id: string;
  label: string;
  hint: string;
  file: File | null;
  disabled: boolean;
  required: boolean;
  onChange(file: File | null): void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const { t, locale } = useT();
  return (
    <div className="file-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type="file"
        accept=".csv,text/csv"
        required={required}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.files?.[0] ?? null)}
      />
      <p id={`${id}-hint`} className="hint">
        {hint}
        {file && (
          <>
            <br />
            {t('hrChosenFile', { name: file.name, size: formatSize(file.size, locale) })}
          </>
        )}
      </p>
    </div>
  );
}

export function HrImportPanel({
  online,
  unitNames,
  onUnitsSeen,
  onApplied,
}: {
  online: boolean;
  unitNames: UnitNames;
  onUnitsSeen(units: Unit[]): void;
  onApplied(): void;
}) {
  const { t, locale } = useT();
  const [unitsFile, setUnitsFile] = useState<File | null>(null);
  const [peopleFile, setPeopleFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [outdated, setOutdated] = useState(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const peopleInput = useRef<HTMLInputElement>(null);
  const busy = step !== null;

  // Keyboard and screen-reader users land on what came back.
  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  const chooseFile = (set: (file: File | null) => void) => (file: File | null) => {
    set(file);
    setResult(null);
    setProblem(null);
    setOutdated(false);
  };

  async function preview() {
    setResult(null);
    setProblem(null);
    setOutdated(false);
    if (!peopleFile) {
      setProblem('hrNoPeopleFile');
      peopleInput.current?.focus();
      return;
    }
    setStep('reading');
    let files: EncodedFiles;
    try {
      files = {
        peopleCsv: await fileToBase64(peopleFile),
        ...(unitsFile ? { unitsCsv: await fileToBase64(unitsFile) } : {}),
      };
    } catch {
      setStep(null);
      setProblem('hrReadFailed');
      return;
    }
    setStep('previewing');
    try {
      const answer = await callApi(operations.previewHrImport, { body: files });
      if (answer.ok) {
        onUnitsSeen(unitsOf(answer.changes));
        setResult({
          kind: 'preview',
          changes: answer.changes,
          warnings: answer.warnings,
          digest: answer.digest,
          files,
        });
      } else setResult({ kind: 'errors', errors: answer.errors });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setStep(null);
    }
  }

  async function apply() {
    if (result?.kind !== 'preview') return;
    setProblem(null);
    setStep('applying');
    try {
      const answer = await callApi(operations.applyHrImport, {
        body: { ...result.files, previewDigest: result.digest },
      });
      onUnitsSeen(unitsOf(answer.changes));
      setResult({ kind: 'applied', changes: answer.changes });
      onApplied();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'preview_outdated') {
        setResult(null);
        setOutdated(true);
      } else setProblem(problemOf(error));
    } finally {
      setStep(null);
    }
  }

  return (
    <div className="hr-import">
      <p>{t('hrIntro')}</p>
      <form
        className="form"
        noValidate
        aria-busy={busy}
        onSubmit={(e) => {
          e.preventDefault();
          void preview();
        }}
      >
        <FileField
          id="hr-units-file"
          label={t('hrUnitsFile')}
          hint={t('hrUnitsFileHint')}
          file={unitsFile}
          disabled={busy}
          required={false}
          onChange={chooseFile(setUnitsFile)}
        />
        <FileField
          id="hr-people-file"
          label={t('hrPeopleFile')}
          hint={t('hrPeopleFileHint')}
          file={peopleFile}
          disabled={busy}
          required
          inputRef={peopleInput}
          onChange={chooseFile(setPeopleFile)}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !online}>
            {result || outdated ? t('hrPreviewAgain') : t('hrPreview')}
          </button>
        </div>
      </form>

      {step && (
        <p className="progress" role="status">
          <progress aria-label={t('adminBusy')} />
          {t(stepKeys[step])}
        </p>
      )}
      <ProblemLine>{problem && t(problem)}</ProblemLine>
      {outdated && (
        <div className="notice" role="alert">
          <p>{t('hrOutdated')}</p>
          <button type="button" disabled={busy || !online} onClick={() => void preview()}>
            {t('hrPreviewAgain')}
          </button>
        </div>
      )}

      {result?.kind === 'errors' && (
        <section className="hr-result" aria-labelledby="hr-result-title">
          <h3 id="hr-result-title" ref={resultHeading} tabIndex={-1}>
            {t('hrErrorsTitle', { count: result.errors.length.toLocaleString(locale) })}
          </h3>
          <p className="error">{t('hrErrorsNothingApplied')}</p>
          <ErrorsTable errors={result.errors} />
        </section>
      )}

      {result?.kind === 'preview' && (
        <section className="hr-result" aria-labelledby="hr-result-title" aria-busy={busy}>
          <h3 id="hr-result-title" ref={resultHeading} tabIndex={-1}>
            {t('hrPreviewTitle')}
          </h3>
          <p>{t('hrPreviewNote')}</p>
          {result.warnings.length > 0 && (
            <div className="notice" data-testid="hr-warnings">
              <h4>
                {t('hrSectionTitle', { label: t('hrWarnings'), count: result.warnings.length })}
              </h4>
              <ul>
                {result.warnings.map((w, i) => (
                  <li key={i}>{w.message[locale]}</li>
                ))}
              </ul>
            </div>
          )}
          <HrChangesView changes={result.changes} unitNames={unitNames} idPrefix="hr-preview" />
          {changesAnything(result.changes) ? (
            <div className="actions confirm">
              <button
                type="button"
                className="primary"
                disabled={busy || !online}
                onClick={() => void apply()}
              >
                {t('hrConfirm')}
              </button>
            </div>
          ) : (
            <p className="notice">{t('hrNothingToChange')}</p>
          )}
        </section>
      )}

      {result?.kind === 'applied' && (
        <section className="hr-result" aria-labelledby="hr-result-title">
          <h3 id="hr-result-title" ref={resultHeading} tabIndex={-1}>
            {t('hrAppliedTitle')}
          </h3>
          <StatusLine>{t('hrAppliedNote')}</StatusLine>
          <HrChangesView changes={result.changes} unitNames={unitNames} idPrefix="hr-applied" />
        </section>
      )}
    </div>
  );
}
