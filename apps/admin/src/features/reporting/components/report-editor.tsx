import {
  CheckCircleOutlined,
  CloudSyncOutlined,
  ExclamationCircleOutlined,
  EyeOutlined,
  LockOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ReportDetail, ReportFigureField } from '@gongfu/contract';
import {
  can,
  checkPlausibility,
  formatYuan,
  type PlausibilityFlag,
  plausibilityRuleText,
  type ReportFigures,
  reportFigureText,
  unexplainedFields,
} from '@gongfu/domain';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Flex,
  Grid,
  Input,
  type InputRef,
  Modal,
  Space,
  Tag,
  Typography,
  theme,
} from 'antd';
import { type ReactNode, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { FooterToolbar } from '../../../components/footer-toolbar';
import { isApiError } from '../../../lib/api-client';
import { localeOf } from '../../../lib/i18n';
import { shanghaiClockText, shanghaiDayOfInstant } from '../../../lib/shanghai-time';
import { useActiveMembership, useMe } from '../../auth/api/get-me';
import {
  reportQueryOptions,
  reportsQueryKey,
  useReportHistory,
  useReportTransition,
} from '../../reports/api/reports';
import { DeadlineTag } from '../../reports/components/deadline-tag';
import { PostingsList } from '../../reports/components/postings-list';
import { ReportAttachments } from '../../reports/components/report-attachments';
import { ReportEvents } from '../../reports/components/report-events';
import { Sparkline } from '../../reports/components/sparkline';
import { FIGURE_SECTIONS, figureKind, figureLabel, figureUnit } from '../../reports/figures';
import { monthLabel, yuanLabel } from '../../reports/format';
import {
  anchorsOnLoad,
  blankFigures,
  changedFigures,
  consistencyErrors,
  type DraftValues,
  type ExplanationAnchors,
  type FieldErrors,
  figureTextOf,
  groupFigureText,
  parseFigures,
  readExplanationAnchors,
  readStoredDraft,
  sameFigureText,
  storeExplanationAnchors,
  valuesOf,
} from '../draft-values';
import { type SaveState, useAutosave } from '../use-autosave';

const fieldId = (field: string) => `figure-${field}`;
const FORM_ORDER = FIGURE_SECTIONS.flatMap((section) => section.fields);

/** One report's figures: editable while a draft or returned (autosaved), read only once submitted. */
export function ReportEditor({
  report,
  periodLocked,
  dueDate,
  historyIcon,
}: {
  report: ReportDetail;
  periodLocked: boolean;
  /** The month's deadline, counted down while the report is still being filled */
  dueDate?: string | undefined;
  historyIcon: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const { modal, message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const me = useMe();
  const membership = useActiveMembership();
  const role = membership?.role;
  const queryClient = useQueryClient();
  const transition = useReportTransition();
  const language = i18n.language;

  const editableStatus = report.status === 'draft' || report.status === 'returned';
  const editable = editableStatus && !periodLocked && role !== undefined && can(role, 'report:update');

  const baseline = useMemo(() => valuesOf(report), [report]);
  // values typed on this device that the server never got (a reload, a dropped connection): restored, with the
  // version they were typed against — if the server moved on since, their save is a 409, not an overwrite
  const [restored] = useState(() => {
    const stored = readStoredDraft(report.id);
    return editable && stored && JSON.stringify(stored.values) !== JSON.stringify(baseline) ? stored : null;
  });
  const [values, setValues] = useState<DraftValues>(restored?.values ?? baseline);
  // the figure each explanation was written against (as loaded, then as typed here): not the saved report, which
  // moves with every autosave — so one changed before a reload is remembered on this device (see anchorsOnLoad)
  const [explainedFor, setExplainedFor] = useState(() =>
    anchorsOnLoad(
      restored?.values ?? baseline,
      editable ? readExplanationAnchors(report.id) : {},
      report.status === 'returned' ? report.flags : [],
    ),
  );
  const autosave = useAutosave(report, values, baseline, editable, restored?.version ?? report.version);
  const [conflictHidden, setConflictHidden] = useState(false);
  const [submitErrors, setSubmitErrors] = useState<FieldErrors>({});
  const [historyOpen, setHistoryOpen] = useState(false);
  // once it is read only, the history sits beside the report on a wide screen (a drawer elsewhere)
  const sidePanel = !editable && screens.xl === true;
  // a blank field is not judged until the clerk tries to submit: a new draft is not a page of warnings
  const [attempted, setAttempted] = useState(false);
  const [amendOpen, setAmendOpen] = useState(false);

  const history = useReportHistory(report.ventureId, report.month);
  const historyFigures = useMemo(
    () => (history.data?.months ?? []).map((m) => m.figures as ReportFigures | null),
    [history.data],
  );

  // read only, the form shows what the server holds (grouped for reading), not what was last typed
  const shownValues = editable ? values : baseline;
  const parsed = parseFigures(shownValues);
  const clientErrors: FieldErrors = parsed.ok ? consistencyErrors(parsed.figures) : parsed.errors;
  // the domain's rule, run while typing: the same one the API runs on submit
  const flags: PlausibilityFlag[] =
    parsed.ok && editable ? checkPlausibility(parsed.figures, historyFigures) : report.flags;
  // (one the clerk has explained already was seen: its flag shows beside the explanation)
  const shownFlags = flags.filter(
    (flag) =>
      !editable ||
      attempted ||
      values.figures[flag.field].trim() !== '' ||
      (values.explanations[flag.field] ?? '').trim() !== '',
  );
  const unexplained = editable ? unexplainedFields(shownFlags, values.explanations) : [];
  const flagsByField = new Map<ReportFigureField, PlausibilityFlag[]>();
  for (const flag of shownFlags)
    flagsByField.set(flag.field, [...(flagsByField.get(flag.field) ?? []), flag]);

  const errorText = (field: ReportFigureField): string | undefined => {
    const client = clientErrors[field];
    if (client) return t(`reporting.form.error.${client as 'money'}`);
    return submitErrors[field] ?? autosave.serverErrors[field];
  };

  const setFigure = (field: ReportFigureField, text: string) => {
    setSubmitErrors((e) => ({ ...e, [field]: undefined }));
    setValues((v) => ({ ...v, figures: { ...v.figures, [field]: text } }));
  };
  const setExplanation = (field: ReportFigureField, text: string) => {
    setSubmitErrors((e) => ({ ...e, [field]: undefined }));
    setValues((v) => ({ ...v, explanations: { ...v.explanations, [field]: text } }));
    setExplainedFor((a) => ({ ...a, [field]: values.figures[field] }));
  };
  /**
   * An explanation written for another value of its figure: said, not blocked (it may still hold). Whether or not
   * the figure is still flagged: a cost of 0 explained, then typed as 41,234.56, clears the flag but the old
   * explanation still goes to the reviewer with the new figure.
   */
  const explanationStale = (field: ReportFigureField): boolean => {
    const anchor = explainedFor[field];
    return (
      editable &&
      anchor !== undefined &&
      (values.explanations[field] ?? '').trim() !== '' &&
      !sameFigureText(anchor, values.figures[field])
    );
  };
  const staleFields = FORM_ORDER.filter(explanationStale);
  // what each explanation answers, kept on this device: a reload neither quietly takes the prompt away nor asks
  // again what the clerk confirmed
  const anchors: ExplanationAnchors = Object.fromEntries(
    FORM_ORDER.filter(
      (field) => explainedFor[field] !== undefined && (values.explanations[field] ?? '').trim() !== '',
    ).map((field) => [
      field,
      { figure: explainedFor[field] ?? '', explanation: values.explanations[field] ?? '' },
    ]),
  );
  const anchorsKept = JSON.stringify(anchors);
  const settled = report.status === 'approved' || report.status === 'locked';
  useEffect(() => {
    if (editable) storeExplanationAnchors(report.id, JSON.parse(anchorsKept) as ExplanationAnchors);
    // approved, it will not be edited again (an amendment is a report of its own): nothing left to keep
    else if (settled) storeExplanationAnchors(report.id, {});
  }, [editable, settled, report.id, anchorsKept]);
  const removeExplanation = (field: ReportFigureField) => {
    setValues((v) => {
      const { [field]: _removed, ...rest } = v.explanations;
      return { ...v, explanations: rest };
    });
    setExplainedFor(({ [field]: _removed, ...rest }) => rest);
  };
  // a blank is sent as 0: said beside the submit button, and named in the submit's confirmation
  const blanks = editable ? blankFigures(values, FORM_ORDER) : [];

  const problems: { field: ReportFigureField; text: string }[] = [
    ...(Object.keys(clientErrors) as ReportFigureField[]).map((field) => ({
      field,
      text: t('reporting.form.fieldProblem', {
        field: t(figureLabel(field)),
        problem: errorText(field) ?? '',
      }),
    })),
    // a blank field flagged as 0 most likely wants its figure, not an explanation
    ...unexplained.map((field) => ({
      field,
      text: t(
        values.figures[field].trim() === '' ? 'reporting.form.blankFlagged' : 'reporting.form.unexplained',
        {
          field: t(figureLabel(field)),
        },
      ),
    })),
  ];

  const focusField = (field: string) => {
    const element = document.getElementById(fieldId(field));
    element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    element?.focus({ preventScroll: true });
  };

  /** After a 409: what the server has now replaces the form, once the clerk has seen what would be replaced. */
  const loadLatest = async () => {
    let fresh: ReportDetail;
    try {
      fresh = await queryClient.fetchQuery({ ...reportQueryOptions(report.id), staleTime: 0 });
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
      return;
    }
    const next = valuesOf(fresh);
    const replaced = changedFigures(values, next);
    const shown = (text: string) => text.trim() || t('reporting.form.empty');
    modal.confirm({
      title: t('reporting.form.conflictReplaceTitle'),
      width: 520,
      content:
        replaced.length === 0 ? (
          <Typography.Text>{t('reporting.form.conflictReplaceNone')}</Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            <Typography.Text>{t('reporting.form.conflictReplaceBody')}</Typography.Text>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {replaced.map((field) => (
                <li key={field}>
                  <Typography.Text strong>{t(figureLabel(field))}</Typography.Text>{' '}
                  <span>{t('reporting.form.conflictMine', { value: shown(values.figures[field]) })}</span>
                  {' → '}
                  <span>{t('reporting.form.conflictTheirs', { value: shown(next.figures[field]) })}</span>
                </li>
              ))}
            </ul>
          </Flex>
        ),
      okText: t('reporting.form.conflictReplaceOk'),
      okButtonProps: { danger: replaced.length > 0 },
      cancelText: t('reporting.form.conflictKeep'),
      onOk: () => {
        autosave.reset(next, fresh.version);
        setValues(next);
        // an explanation the latest still holds as it was keeps the figure it was written for
        setExplainedFor(anchorsOnLoad(next, anchors));
        setConflictHidden(false);
      },
    });
  };

  const submit = async () => {
    const hidden = unexplainedFields(flags, values.explanations).filter((f) => !unexplained.includes(f));
    if (!attempted && hidden.length > 0) {
      setAttempted(true);
      focusField(hidden[0] as string);
      return;
    }
    setAttempted(true);
    if (problems.length > 0) {
      const first = problems[0];
      if (first) focusField(first.field);
      return;
    }
    const saved = await autosave.flush();
    if (!saved) return;
    const figures = parsed.ok ? parsed.figures : null;
    const separator = language === 'en' ? ', ' : '、';
    modal.confirm({
      title: t('reporting.form.submitTitle', { month: monthLabel(report.month, language) }),
      icon: <ExclamationCircleOutlined />,
      width: 520,
      content: (
        <Flex vertical gap={8}>
          <Typography.Text>
            {report.communityName} · {report.ventureName} · {monthLabel(report.month, language)}
          </Typography.Text>
          {blanks.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              title={t('reporting.form.blankConfirmTitle', { count: blanks.length })}
              description={blanks.map((field) => t(figureLabel(field))).join(separator)}
            />
          ) : null}
          {figures ? (
            <div>
              <Typography.Text strong>{t('reporting.form.confirmFigures')}</Typography.Text>
              <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
                {(['revenueFen', 'operatingCostFen', 'stableJobs', 'residentsServed'] as const).map(
                  (field) => (
                    <li key={field}>
                      {t('reporting.form.fieldProblem', {
                        field: t(figureLabel(field)),
                        problem: reportFigureText(field, figures[field], localeOf(language)),
                      })}
                    </li>
                  ),
                )}
                <li>
                  {t('reporting.form.fieldProblem', {
                    field: t('reporting.form.profit'),
                    problem: yuanLabel(figures.revenueFen - figures.operatingCostFen, language),
                  })}
                </li>
              </ul>
            </div>
          ) : null}
          {flags.length > 0 ? (
            <div>
              <Typography.Text strong>{t('reporting.form.confirmFlags')}</Typography.Text>
              <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
                {flags.map((flag) => (
                  <li key={`${flag.field}:${flag.rule}`}>
                    {t('reporting.form.fieldProblem', {
                      field: `${t(figureLabel(flag.field))} ${reportFigureText(flag.field, flag.value, localeOf(language))}`,
                      problem: values.explanations[flag.field] ?? '',
                    })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <Typography.Text type="secondary">{t('reporting.form.submitBody')}</Typography.Text>
        </Flex>
      ),
      okText: t('reporting.form.submit'),
      // with blanks, going back leads to the first of them
      ...(blanks.length > 0
        ? {
            cancelText: t('reporting.form.blankBack'),
            onCancel: () => {
              const first = blanks[0];
              if (first) setTimeout(() => focusField(first), 0);
            },
          }
        : {}),
      onOk: async () => {
        try {
          await transition.mutateAsync({
            id: report.id,
            action: 'submit',
            body: { version: autosave.version.current },
          });
          void message.success(t('reporting.form.submitDone'));
        } catch (error) {
          if (isApiError(error, 400) && Object.keys(error.fields).length > 0) {
            setSubmitErrors(error.fields as FieldErrors);
            const first = Object.keys(error.fields)[0];
            if (first) focusField(first);
          }
          void message.error(error instanceof Error ? error.message : String(error));
        }
      },
    });
  };

  // an amendment's draft says what it corrects and why (the reason given when it was opened)
  const amendReason =
    report.revision > 1 ? (report.events.find((e) => e.action === 'amend')?.comment ?? '') : null;
  const returnedFields = new Set(report.status === 'returned' ? report.returnedFields : []);
  // when the approval posted this revision (the last approve event; reviewedAt if the events do not say)
  const approvedAt =
    report.events.findLast((e) => e.action === 'approve')?.at ??
    (report.status === 'approved' || report.status === 'locked' ? report.reviewedAt : null);
  const profit = parsed.ok ? parsed.figures.revenueFen - parsed.figures.operatingCostFen : null;
  const rate =
    parsed.ok && parsed.figures.serviceRequests > 0
      ? `${((parsed.figures.requestsWithinPromise / parsed.figures.serviceRequests) * 100).toFixed(1)}%`
      : '—';

  return (
    <Flex gap={token.margin} align="flex-start">
      <Flex
        vertical
        gap={token.margin}
        style={{ flex: '1 1 auto', minWidth: 0, paddingBottom: editable ? 120 : 0 }}
      >
        <Flex justify="space-between" align="center" wrap gap={token.marginXS}>
          <Space wrap>
            <Tag color={STATUS_COLOR[report.status]}>{t(`reports.status.${report.status}`)}</Tag>
            {report.revision > 1 ? (
              <Tag>{t('reporting.form.revision', { revision: report.revision })}</Tag>
            ) : null}
            {editable && dueDate && report.revision === 1 ? <DeadlineTag dueDate={dueDate} /> : null}
            {!editable ? (
              <Tag icon={<EyeOutlined />}>{t('reporting.form.readOnly')}</Tag>
            ) : (
              <SaveStatus state={autosave.state} onRetry={() => void autosave.flush()} live={false} />
            )}
          </Space>
          {sidePanel ? null : (
            <Button icon={historyIcon} onClick={() => setHistoryOpen(true)}>
              {t('reporting.form.historyButton')}
            </Button>
          )}
        </Flex>

        {restored ? <Alert type="info" showIcon closable title={t('reporting.form.restored')} /> : null}
        {autosave.state.kind === 'conflict' && !conflictHidden ? (
          <Alert
            type="error"
            showIcon
            title={t('reporting.form.conflictTitle')}
            description={t('reporting.form.conflictBody')}
            action={
              <Flex vertical gap={8}>
                <Button danger onClick={() => void loadLatest()}>
                  {t('reporting.form.conflictReload')}
                </Button>
                <Button onClick={() => setConflictHidden(true)}>{t('reporting.form.conflictKeep')}</Button>
              </Flex>
            }
          />
        ) : null}
        {amendReason !== null && editableStatus ? (
          <Alert
            type="info"
            showIcon
            title={t('reporting.form.amendingTitle', { revision: report.revision - 1 })}
            description={
              amendReason ? t('reporting.form.amendingReason', { reason: amendReason }) : undefined
            }
          />
        ) : null}
        {periodLocked && editableStatus ? (
          <Alert
            type="info"
            showIcon
            icon={<LockOutlined />}
            title={t('reporting.form.periodLocked', { month: report.month })}
          />
        ) : null}
        {report.status === 'returned' ? (
          <Alert
            type="warning"
            showIcon
            title={t('reporting.form.returnedTitle')}
            description={
              <Flex vertical gap={4}>
                {report.reviewComment ? (
                  <Typography.Text strong>{report.reviewComment}</Typography.Text>
                ) : null}
                {report.returnedFields.length > 0 ? (
                  <span>
                    {t('reporting.form.returnedFields', {
                      fields: report.returnedFields
                        .map((f) => t(figureLabel(f)))
                        .join(language === 'en' ? ', ' : '、'),
                    })}
                  </span>
                ) : null}
              </Flex>
            }
          />
        ) : null}
        {report.status === 'submitted' ? (
          <Alert type="info" showIcon icon={<CloudSyncOutlined />} title={t('reporting.form.submitted')} />
        ) : null}
        {report.status === 'approved' || report.status === 'locked' ? (
          <Card
            size="small"
            title={
              <Space>
                <CheckCircleOutlined style={{ color: token.colorSuccess }} />
                {report.status === 'locked'
                  ? t('reporting.form.lockedTitle')
                  : t('reporting.form.approvedTitle')}
              </Space>
            }
            extra={
              report.status === 'approved' && role && can(role, 'report:amend') && !periodLocked ? (
                <Button onClick={() => setAmendOpen(true)}>{t('reporting.form.amend')}</Button>
              ) : null
            }
          >
            {report.postings.length > 0 ? (
              <Typography.Text type="secondary">
                {approvedAt
                  ? t('reporting.form.postedOn', { date: shanghaiDayOfInstant(approvedAt) })
                  : t('reporting.form.posted')}
              </Typography.Text>
            ) : null}
            <PostingsList postings={report.postings} emptyText={t('reporting.form.noPostings')} withTotal />
          </Card>
        ) : null}

        {FIGURE_SECTIONS.map((section) => (
          <Card key={section.id} size="small" title={t(section.title)}>
            <Flex vertical gap={token.marginMD}>
              {section.fields.map((field) => (
                <FigureField
                  key={field}
                  field={field}
                  text={shownValues.figures[field]}
                  editable={editable}
                  error={errorText(field)}
                  returned={returnedFields.has(field)}
                  flags={flagsByField.get(field) ?? []}
                  explanation={shownValues.explanations[field] ?? ''}
                  explanationMissing={unexplained.includes(field)}
                  explanationStale={explanationStale(field)}
                  // an explanation the report holds stays in sight once its flag is gone, to be confirmed or removed
                  explanationShown={editable && explainedFor[field] !== undefined}
                  onExplanationStillApplies={() =>
                    setExplainedFor((a) => ({ ...a, [field]: values.figures[field] }))
                  }
                  onExplanationRemove={() => removeExplanation(field)}
                  history={historyFigures.map((m) => (m ? m[field] : null))}
                  historyMonths={(history.data?.months ?? []).map((m) => m.month)}
                  historyLoaded={history.isSuccess}
                  onChange={(text) => setFigure(field, text)}
                  onExplain={(text) => setExplanation(field, text)}
                  stacked={!screens.md}
                />
              ))}
              {section.id === 'operations' ? (
                <Typography.Text>
                  {t('reporting.form.profit')}
                  {t('common.colon')}
                  <Typography.Text strong>
                    {profit === null
                      ? '—'
                      : `${formatYuan(profit, { grouping: true })} ${t('reports.unit.yuan')}`}
                  </Typography.Text>
                </Typography.Text>
              ) : null}
              {section.id === 'promise' ? (
                <Typography.Text>
                  {t('reporting.form.rate')}
                  {t('common.colon')}
                  <Typography.Text strong>{rate}</Typography.Text>
                </Typography.Text>
              ) : null}
            </Flex>
          </Card>
        ))}

        <Card size="small" title={t('reporting.form.notes')}>
          <Input.TextArea
            id={fieldId('notes')}
            aria-label={t('reporting.form.notes')}
            value={shownValues.notes}
            readOnly={!editable}
            maxLength={4000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={editable ? t('reporting.form.notesPlaceholder') : undefined}
            onChange={(e) => setValues((v) => ({ ...v, notes: e.target.value }))}
          />
        </Card>

        {/* the files behind the figures; whether they may be added is the API's to say (status, role, month) */}
        <ReportAttachments reportId={report.id} awaitingReview={report.status === 'submitted'} />

        {editable ? (
          <FooterToolbar label={t('reporting.form.submit')}>
            <Flex
              justify="space-between"
              align="center"
              gap={token.marginSM}
              wrap
              style={{ maxWidth: 1200, marginInline: 'auto' }}
            >
              <Flex vertical style={{ minWidth: 0, flex: '1 1 200px' }}>
                {autosave.state.kind === 'conflict' ? (
                  <Space wrap>
                    <Typography.Text type="danger">
                      <WarningOutlined /> {t('reporting.form.conflictPaused')}
                    </Typography.Text>
                    <Button size="small" danger onClick={() => void loadLatest()}>
                      {t('reporting.form.conflictReload')}
                    </Button>
                  </Space>
                ) : (
                  // the save state stays in sight however far down the clerk is
                  <SaveStatus state={autosave.state} onRetry={() => void autosave.flush()} />
                )}
                {problems.length > 0 ? (
                  <>
                    <Typography.Text type="danger">
                      <WarningOutlined /> {t('reporting.form.errorsTitle', { count: problems.length })}
                    </Typography.Text>
                    <Flex wrap gap={4}>
                      {problems.slice(0, screens.md ? 4 : 2).map((p) => (
                        <Button
                          key={p.text}
                          size="small"
                          type="link"
                          onClick={() => focusField(p.field)}
                          style={{ paddingInline: 0 }}
                        >
                          {p.text}
                        </Button>
                      ))}
                    </Flex>
                  </>
                ) : null}
                {blanks.length > 0 ? (
                  <Button
                    size="small"
                    type="link"
                    icon={<ExclamationCircleOutlined />}
                    onClick={() => focusField(blanks[0] as string)}
                    style={{ paddingInline: 0, alignSelf: 'flex-start', color: token.colorWarningText }}
                  >
                    {t('reporting.form.blankCount', { count: blanks.length })}
                  </Button>
                ) : null}
                {staleFields.length > 0 ? (
                  // said here too: the prompt under a figure is easily out of sight on a phone
                  <Button
                    size="small"
                    type="link"
                    icon={<ExclamationCircleOutlined />}
                    onClick={() => focusField(`${staleFields[0]}-explanation`)}
                    style={{ paddingInline: 0, alignSelf: 'flex-start', color: token.colorWarningText }}
                  >
                    {t('reporting.form.staleCount', { count: staleFields.length })}
                  </Button>
                ) : null}
              </Flex>
              <Button
                type="primary"
                size="large"
                loading={transition.isPending}
                disabled={autosave.state.kind === 'conflict' || !(role && can(role, 'report:submit'))}
                onClick={() => void submit()}
              >
                {t('reporting.form.submit')}
              </Button>
            </Flex>
          </FooterToolbar>
        ) : null}

        <Drawer
          title={t('reporting.form.historyTitle')}
          open={historyOpen && !sidePanel}
          onClose={() => setHistoryOpen(false)}
          size={screens.md ? 420 : '100%'}
        >
          <ReportEvents events={report.events} myUserId={me.user.id} />
        </Drawer>
        <AmendDialog
          open={amendOpen}
          onClose={() => setAmendOpen(false)}
          onAmend={async (comment) => {
            await transition.mutateAsync({ id: report.id, action: 'amend', body: { comment } });
            await queryClient.invalidateQueries({ queryKey: reportsQueryKey });
            setAmendOpen(false);
          }}
        />
      </Flex>
      {sidePanel ? (
        <Card
          size="small"
          title={t('reporting.form.historyTitle')}
          style={{ flex: '0 0 320px', position: 'sticky', top: 72 }}
        >
          <ReportEvents events={report.events} myUserId={me.user.id} />
        </Card>
      ) : null}
    </Flex>
  );
}

const STATUS_COLOR: Record<ReportDetail['status'], string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
  locked: 'default',
};

/** The autosave state in words; `live` (once per page) has screen readers announce its changes. */
function SaveStatus({
  state,
  onRetry,
  live = true,
}: {
  state: SaveState;
  onRetry: () => void;
  live?: boolean;
}) {
  const { t, i18n } = useTranslation();
  // the clock the office reads, Asia/Shanghai, whatever the browser's time zone
  const time = (at: Date) => shanghaiClockText(at, i18n.language);
  let content: ReactNode;
  switch (state.kind) {
    case 'saved':
      content = state.at ? (
        <Typography.Text type="success">
          <CheckCircleOutlined /> {t('reporting.form.saved', { time: time(state.at) })}
        </Typography.Text>
      ) : null;
      break;
    case 'saving':
      content = <Typography.Text type="secondary">{t('reporting.form.saving')}</Typography.Text>;
      break;
    case 'dirty':
      content = <Typography.Text type="secondary">{t('reporting.form.unsaved')}</Typography.Text>;
      break;
    case 'invalid':
      content = (
        <Typography.Text type="danger">
          <WarningOutlined /> {t('reporting.form.invalid')}
        </Typography.Text>
      );
      break;
    case 'offline':
      content = (
        <Space wrap>
          <Typography.Text type="warning">
            <WarningOutlined /> {t('reporting.form.offline')}
          </Typography.Text>
          <Button size="small" onClick={onRetry}>
            {t('reporting.form.retry')}
          </Button>
        </Space>
      );
      break;
    case 'conflict':
      content = (
        <Typography.Text type="danger">
          <WarningOutlined /> {t('reporting.form.conflictTitle')}
        </Typography.Text>
      );
      break;
    case 'error':
      content = (
        <Space wrap>
          <Typography.Text type="danger">
            <WarningOutlined /> {t('reporting.form.saveFailed', { message: state.message })}
          </Typography.Text>
          <Button size="small" onClick={onRetry}>
            {t('reporting.form.retry')}
          </Button>
        </Space>
      );
      break;
  }
  return <span {...(live ? { role: 'status', 'aria-live': 'polite' as const } : {})}>{content}</span>;
}

function FigureField({
  field,
  text,
  editable,
  error,
  returned,
  flags,
  explanation,
  explanationMissing,
  explanationStale,
  explanationShown,
  onExplanationStillApplies,
  onExplanationRemove,
  history,
  historyMonths,
  historyLoaded,
  onChange,
  onExplain,
  stacked,
}: {
  field: ReportFigureField;
  text: string;
  editable: boolean;
  error: string | undefined;
  returned: boolean;
  flags: PlausibilityFlag[];
  explanation: string;
  explanationMissing: boolean;
  explanationStale: boolean;
  /** the explanation shown though the figure is not flagged (one it holds, written for an earlier value) */
  explanationShown: boolean;
  onExplanationStillApplies: () => void;
  onExplanationRemove: () => void;
  history: (number | null)[];
  historyMonths: string[];
  historyLoaded: boolean;
  onChange: (text: string) => void;
  onExplain: (text: string) => void;
  stacked: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const id = fieldId(field);
  const money = figureKind(field) === 'money';
  const inputRef = useRef<InputRef>(null);
  // where the caret goes once the grouped text is in the input (React puts it at the end when it sets the value)
  const [caret, setCaret] = useState<{ at: number } | null>(null);
  useLayoutEffect(() => {
    const element = inputRef.current?.input;
    if (caret && element && document.activeElement === element) element.setSelectionRange(caret.at, caret.at);
  }, [caret]);
  const unit = figureUnit(field, i18n.language);
  const lastIndex = history.findLastIndex((v) => v !== null);
  const last = lastIndex >= 0 ? history[lastIndex] : null;
  const lastMonth = lastIndex >= 0 ? historyMonths[lastIndex] : undefined;
  const describedBy = [
    `${id}-unit`,
    error ? `${id}-error` : null,
    flags.length ? `${id}-flag` : null,
    returned ? `${id}-returned` : null,
  ]
    .filter(Boolean)
    .join(' ');

  // the field's own past: on a phone under its input and any error (below the flags and the explanation it read as
  // theirs), beside it from a tablet up. The latest approved month and its figure on lines of their own, neither
  // broken inside (a narrow column wrapped "(Sep / 2026)"). The trend says what it is (近 12 个月): bare, a clerk
  // could not tell what the line covered. At a desk it sits beside the latest month with the lowest and highest of
  // the months it draws (the line has no scale otherwise) and fills the row; on a phone it goes first, its caption
  // under it, with no room for the range
  const locale = localeOf(i18n.language);
  const knownValues = history.filter((v): v is number => v !== null);
  const low = Math.min(...knownValues);
  const high = Math.max(...knownValues);
  const trend =
    knownValues.length >= 2 ? (
      <Flex
        id={`${id}-trend`}
        vertical={stacked}
        align={stacked ? 'flex-start' : 'center'}
        gap={stacked ? 2 : token.marginXS}
        // at a desk of fixed least widths (here and the latest month's), so every row wraps alike or none does
        style={{ flex: '0 0 auto', minWidth: stacked ? 0 : 300 }}
      >
        <span style={{ display: 'flex' }}>
          <Sparkline values={history} width={stacked ? 96 : 120} color={token.colorTextSecondary} />
        </span>
        <div style={{ minWidth: 0 }}>
          <div style={{ whiteSpace: 'nowrap' }}>{t('reporting.form.history')}</div>
          {stacked ? null : (
            <div style={{ whiteSpace: 'nowrap' }}>
              {low === high
                ? t('reporting.form.historyFlat', { value: reportFigureText(field, low, locale) })
                : t('reporting.form.historyRange', {
                    // the unit once, after the high end
                    low: figureTextOf(field, low),
                    high: reportFigureText(field, high, locale),
                  })}
            </div>
          )}
        </div>
      </Flex>
    ) : null;
  const historyHint =
    historyLoaded && last !== null && last !== undefined && lastMonth ? (
      <Flex
        wrap
        align={stacked ? 'center' : 'flex-start'}
        gap={stacked ? token.marginSM : `${token.marginXS}px ${token.marginLG}px`}
      >
        {stacked ? trend : null}
        <div id={`${id}-history`} style={{ minWidth: stacked ? 0 : 176 }}>
          <div>
            <Trans
              i18nKey="reporting.form.lastApproved"
              values={{ month: monthLabel(lastMonth, i18n.language) }}
              components={{ nw: <span style={{ whiteSpace: 'nowrap' }} /> }}
            />
          </div>
          <div style={{ whiteSpace: 'nowrap' }}>{reportFigureText(field, last, locale)}</div>
        </div>
        {stacked ? null : trend}
      </Flex>
    ) : historyLoaded ? (
      <span>{t('reporting.form.noHistory')}</span>
    ) : null;

  return (
    <div
      style={{
        display: 'flex',
        flexDirection: stacked ? 'column' : 'row',
        gap: stacked ? 4 : token.margin,
        alignItems: stacked ? 'stretch' : 'flex-start',
        padding: returned ? token.paddingXS : 0,
        border: returned ? `2px dashed ${token.colorWarning}` : undefined,
        borderRadius: token.borderRadius,
      }}
    >
      <div style={{ flex: '1 1 auto', minWidth: 0, maxWidth: stacked ? undefined : 420 }}>
        <label htmlFor={id} style={{ display: 'block', marginBottom: 4, fontWeight: 500 }}>
          {t(figureLabel(field))}
        </label>
        <Input
          ref={inputRef}
          id={id}
          value={text}
          readOnly={!editable}
          variant={editable ? 'outlined' : 'filled'}
          inputMode={money ? 'decimal' : 'numeric'}
          // no placeholder: a grey 0 looked like a typed 0, while an empty field is one not filled in yet
          // (it still counts as 0 when sent, see parseFigures)
          autoComplete="off"
          status={error ? 'error' : flags.length > 0 || returned ? 'warning' : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          // the unit once, in the input (the Excel template has it in the column's header); read out as a description
          suffix={<span id={`${id}-unit`}>{unit}</span>}
          onChange={(e) => {
            // grouped as it is typed, as the figures beside it read (56,751.00)
            const typed = e.target.value;
            const grouped = groupFigureText(
              typed,
              money ? 'money' : 'count',
              e.target.selectionStart ?? typed.length,
            );
            onChange(grouped.text);
            if (grouped.text !== typed) setCaret({ at: grouped.caret });
          }}
          style={{ maxWidth: 280 }}
        />
        {error ? (
          <div
            id={`${id}-error`}
            role="alert"
            style={{ color: token.colorError, fontSize: token.fontSizeSM }}
          >
            {error}
          </div>
        ) : null}
        {returned ? (
          <div id={`${id}-returned`} style={{ color: token.colorWarningText, fontSize: token.fontSizeSM }}>
            <ExclamationCircleOutlined /> {t('reporting.form.fieldReturned')}
          </div>
        ) : null}
        {stacked ? (
          <div style={{ color: token.colorTextSecondary, fontSize: token.fontSizeSM, marginTop: 4 }}>
            {historyHint}
          </div>
        ) : null}
        {flags.length > 0 ? (
          <div id={`${id}-flag`} style={{ marginTop: 4 }}>
            {flags.map((flag) => (
              <div key={flag.rule} style={{ color: token.colorWarningText, fontSize: token.fontSizeSM }}>
                <WarningOutlined /> {plausibilityRuleText(flag, localeOf(i18n.language))}
              </div>
            ))}
          </div>
        ) : null}
        {flags.length > 0 || explanationShown ? (
          <div style={{ marginTop: 4 }}>
            <label
              htmlFor={`${id}-explanation`}
              style={{ display: 'block', marginTop: 4, fontSize: token.fontSizeSM }}
            >
              {t('reports.explanation')}
              {/* ticked only while it answers the figure as it stands: one written for an old value asks again */}
              {explanationMissing ? (
                <Tag color="warning" style={{ marginInlineStart: 6 }}>
                  {t('reporting.form.flagged')}
                </Tag>
              ) : explanationStale ? (
                <Tag color="warning" style={{ marginInlineStart: 6 }}>
                  {t('reporting.form.explanationToCheck')}
                </Tag>
              ) : flags.length > 0 ? (
                <Tag color="success" style={{ marginInlineStart: 6 }}>
                  <CheckCircleOutlined aria-label={t('reporting.form.explained')} />
                </Tag>
              ) : null}
            </label>
            <Input.TextArea
              id={`${id}-explanation`}
              value={explanation}
              readOnly={!editable}
              maxLength={500}
              autoSize={{ minRows: 1, maxRows: 4 }}
              placeholder={editable ? t('reports.explanationPlaceholder') : undefined}
              status={explanationMissing || explanationStale ? 'warning' : undefined}
              aria-describedby={explanationStale ? `${id}-explanation-stale` : undefined}
              onChange={(e) => onExplain(e.target.value)}
            />
            {explanationStale ? (
              <Flex
                wrap
                align="center"
                gap={4}
                style={{ color: token.colorWarningText, fontSize: token.fontSizeSM }}
              >
                <span id={`${id}-explanation-stale`}>
                  <WarningOutlined /> {t('reporting.form.explanationStale')}
                </span>
                <Button
                  size="small"
                  type="link"
                  onClick={onExplanationStillApplies}
                  style={{ paddingInline: 0, height: 'auto' }}
                >
                  {t('reporting.form.explanationStillApplies')}
                </Button>
                {/* no flag asks for it any more: it may simply go */}
                {flags.length === 0 ? (
                  <Button
                    size="small"
                    type="link"
                    danger
                    onClick={onExplanationRemove}
                    style={{ paddingInline: 0, height: 'auto' }}
                  >
                    {t('reporting.form.explanationRemove')}
                  </Button>
                ) : null}
              </Flex>
            ) : null}
          </div>
        ) : null}
      </div>
      {stacked ? null : (
        <div
          style={{
            // the rest of the row: the latest month and the trend side by side, one under the other when narrow
            flex: '1 1 200px',
            minWidth: 0,
            color: token.colorTextSecondary,
            fontSize: token.fontSizeSM,
            paddingTop: 26,
          }}
        >
          {historyHint}
        </div>
      )}
    </div>
  );
}

/** Amending an approved report needs a reason (kept on the report's history); it opens a new draft revision. */
function AmendDialog({
  open,
  onClose,
  onAmend,
}: {
  open: boolean;
  onClose: () => void;
  onAmend: (comment: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (!comment.trim()) {
      setError(t('reporting.form.amendReasonRequired'));
      return;
    }
    setBusy(true);
    try {
      await onAmend(comment.trim());
      setComment('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={t('reporting.form.amendTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => void confirm()}
      okText={t('reporting.form.amend')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('reporting.form.amendBody')}</Typography.Text>
        <label htmlFor="amend-reason">{t('reporting.form.amendReason')}</label>
        <Input.TextArea
          id="amend-reason"
          value={comment}
          autoSize={{ minRows: 3 }}
          maxLength={2000}
          status={error ? 'error' : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'amend-reason-error' : undefined}
          onChange={(e) => {
            setComment(e.target.value);
            setError(null);
          }}
        />
        {error ? (
          <Typography.Text type="danger" id="amend-reason-error" role="alert">
            {error}
          </Typography.Text>
        ) : null}
      </Flex>
    </Modal>
  );
}
