import type { ReportDetail } from '@gongfu/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../lib/api-client';
import { reportQueryOptions, reportsQueryKey, updateReport } from '../reports/api/reports';
import {
  clearStoredDraft,
  consistencyErrors,
  type DraftValues,
  explanationsToSend,
  type FieldErrors,
  parseFigures,
  storeDraft,
  typedZerosOf,
} from './draft-values';

export type SaveState =
  | { kind: 'saved'; at: Date | null }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'invalid' }
  | { kind: 'offline' }
  | { kind: 'conflict' }
  | { kind: 'error'; message: string };

/**
 * How long typing pauses before a save, and the waits before trying a dropped connection again (then the clerk
 * is told; the values stay). Mutable for tests, which cannot wait ten seconds per case.
 */
export const autosaveTiming = { debounceMs: 800, retryDelaysMs: [1000, 3000, 6000] as readonly number[] };

/**
 * Saves a draft as the clerk types: debounced PATCHes carrying the version read. Typed values are kept on this
 * device until the server has them (a reload or a dropped connection loses nothing); a 409 stops saving and says
 * so, never overwriting what someone else saved.
 */
export function useAutosave(
  report: ReportDetail,
  values: DraftValues,
  /** what the server holds (the form may start from values restored from this device instead) */
  baseline: DraftValues,
  editable: boolean,
  /**
   * The version the values were typed against: the report's, or the one stored with values restored from this
   * device — if the server has moved on since, their save gets 409 rather than overwriting what came after.
   */
  startVersion: number = report.version,
) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SaveState>(() => ({
    kind: 'saved',
    at: report.updatedAt ? new Date(report.updatedAt) : null,
  }));
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const version = useRef(startVersion);
  const seenReportVersion = useRef(report.version);
  const latest = useRef(values);
  const savedValues = useRef<string>(JSON.stringify(baseline));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const retries = useRef(0);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const stopped = useRef(false);

  latest.current = values;

  // the report read again from the server (after a save, a transition) is the version to send next
  useEffect(() => {
    if (report.version === seenReportVersion.current) return;
    seenReportVersion.current = report.version;
    version.current = report.version;
  }, [report.version]);

  const save = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) return inFlight.current;
    const current = latest.current;
    const serialized = JSON.stringify(current);
    if (serialized === savedValues.current) {
      setState((s) => (s.kind === 'dirty' ? { kind: 'saved', at: new Date() } : s));
      return true;
    }
    const parsed = parseFigures(current);
    if (!parsed.ok || Object.keys(consistencyErrors(parsed.figures)).length > 0) {
      setState({ kind: 'invalid' });
      return false;
    }
    setState({ kind: 'saving' });
    const run = (async () => {
      try {
        const updated = await updateReport(report.id, {
          version: version.current,
          ...parsed.figures,
          notes: current.notes.trim() ? current.notes.trim() : null,
          explanations: explanationsToSend(current.explanations),
          typedZeros: typedZerosOf(current, parsed.figures),
        });
        version.current = updated.version;
        savedValues.current = serialized;
        retries.current = 0;
        setServerErrors({});
        queryClient.setQueryData(reportQueryOptions(report.id).queryKey, updated);
        void queryClient.invalidateQueries({ queryKey: [...reportsQueryKey, 'list'] });
        if (JSON.stringify(latest.current) === serialized) {
          clearStoredDraft(report.id);
          setState({ kind: 'saved', at: new Date() });
        } else {
          setState({ kind: 'dirty' });
        }
        return true;
      } catch (error) {
        if (isApiError(error, 409)) {
          stopped.current = true;
          setState({ kind: 'conflict' });
        } else if (isApiError(error, 0)) {
          const delay = autosaveTiming.retryDelaysMs[retries.current];
          retries.current += 1;
          if (delay !== undefined) {
            setState({ kind: 'saving' });
            timer.current = setTimeout(() => void save(), delay);
          } else {
            setState({ kind: 'offline' });
          }
        } else if (isApiError(error, 400)) {
          setServerErrors(error.fields as FieldErrors);
          setState({ kind: 'error', message: error.message });
        } else {
          setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
        }
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [queryClient, report.id]);

  // every change: kept on this device at once, saved after a pause in typing (not while in conflict: the
  // clerk decides first whether to load the latest)
  useEffect(() => {
    if (!editable) return;
    const serialized = JSON.stringify(values);
    if (serialized === savedValues.current) return;
    storeDraft(report.id, { version: version.current, values });
    if (stopped.current) return;
    setState((s) => (s.kind === 'offline' ? s : { kind: 'dirty' }));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), autosaveTiming.debounceMs);
    return () => clearTimeout(timer.current);
  }, [values, editable, report.id, save]);

  // the connection is back: save what waited
  useEffect(() => {
    const online = () => {
      if (!stopped.current) {
        retries.current = 0;
        void save();
      }
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [save]);

  /** Saves now (before a submit, or when the clerk presses retry); resolves whether the server has it all. */
  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    retries.current = autosaveTiming.retryDelaysMs.length; // a deliberate retry is one try, its result shown at once
    const ok = await save();
    retries.current = 0;
    return ok && JSON.stringify(latest.current) === savedValues.current;
  }, [save]);

  /** After loading the latest from the server: start over from it. */
  const reset = useCallback(
    (next: DraftValues, nextVersion: number) => {
      stopped.current = false;
      version.current = nextVersion;
      savedValues.current = JSON.stringify(next);
      clearStoredDraft(report.id);
      setServerErrors({});
      setState({ kind: 'saved', at: null });
    },
    [report.id],
  );

  return { state, serverErrors, flush, reset, version };
}
