import { InboxOutlined } from '@ant-design/icons';
import type { ImportCheck, ImportMode, ImportProblem, ImportResult } from '@gongfu/contract';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Flex,
  Grid,
  Progress,
  Radio,
  Result,
  Space,
  Steps,
  Tag,
  Typography,
  theme,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../../components/responsive-table';
import type { ApiError } from '../../../lib/api-client';
import { reportsQueryKey } from '../../reports/api/reports';
import {
  checkWorkbook,
  importWorkbook,
  MAX_UPLOAD_BYTES,
  type UploadPhase,
  uploadTypeOf,
} from '../api/workbook';

type Step = 0 | 1 | 2 | 3;
type ProblemRow = ImportProblem & { id: string };

/**
 * The import of a filled template: upload (with the upload's progress, then the check's wait) → every problem by
 * sheet, row and column (cards on a phone) → draft or submit → what was written. Nothing is imported before the
 * last step, and the API checks the file again then.
 */
export function ImportWizard({ canSubmit, onClose }: { canSubmit: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const queryClient = useQueryClient();
  const phone = Grid.useBreakpoint().md === false;
  const [step, setStep] = useState<Step>(0);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<UploadPhase | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [check, setCheck] = useState<ImportCheck | null>(null);
  const [mode, setMode] = useState<ImportMode>('draft');
  const [result, setResult] = useState<ImportResult | null>(null);
  const busy = phase !== null;

  const fail = (e: ApiError | Error) => {
    setPhase(null);
    setError(e.message);
  };

  const runCheck = async (picked: File) => {
    setError(null);
    setCheck(null);
    if (!uploadTypeOf(picked.name)) return setError(t('reporting.workbook.wrongType'));
    if (picked.size > MAX_UPLOAD_BYTES) return setError(t('reporting.workbook.tooLarge'));
    setFile(picked);
    try {
      const answer = await checkWorkbook(picked, setPhase);
      setPhase(null);
      if (!answer.ok) return setError(answer.error.message);
      setCheck(answer.body);
      setMode(answer.body.canSubmit && !answer.body.canDraft ? 'submit' : 'draft');
      setStep(1);
    } catch (e) {
      fail(e as Error);
    }
  };

  const runImport = async () => {
    if (!file) return;
    setError(null);
    try {
      const answer = await importWorkbook(file, mode, setPhase);
      setPhase(null);
      if (!answer.ok) {
        // the file changed meaning since the check (someone submitted meanwhile): show the new problems
        if (answer.check) {
          setCheck(answer.check);
          setStep(1);
        }
        return setError(answer.error.message);
      }
      setResult(answer.body);
      setStep(3);
      await queryClient.invalidateQueries({ queryKey: reportsQueryKey });
    } catch (e) {
      fail(e as Error);
    }
  };

  const progress = phase ? (
    <Flex vertical gap={token.marginXS} aria-live="polite">
      <Progress
        percent={phase.kind === 'uploading' ? phase.percent : 100}
        status={phase.kind === 'processing' ? 'active' : 'normal'}
        showInfo={phase.kind === 'uploading'}
      />
      <Typography.Text type="secondary">
        {phase.kind === 'uploading'
          ? t('reporting.workbook.uploading', { percent: phase.percent })
          : step === 2
            ? t('reporting.workbook.importing')
            : t('reporting.workbook.checking')}
      </Typography.Text>
    </Flex>
  ) : null;

  const errorAlert = error ? <Alert type="error" showIcon title={error} role="alert" /> : null;
  const count = check ? check.rows - (mode === 'draft' ? check.unchangedDraft : check.unchangedSubmit) : 0;

  return (
    <Flex vertical gap={token.marginLG}>
      <Steps
        current={step}
        size="small"
        direction={phone ? 'vertical' : 'horizontal'}
        items={(['upload', 'problems', 'confirm', 'result'] as const).map((key) => ({
          title: t(`reporting.workbook.steps.${key}`),
        }))}
      />
      {step === 0 ? (
        <Flex vertical gap={token.margin}>
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(picked) => {
              void runCheck(picked);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('reporting.workbook.drop')}</p>
            <p className="ant-upload-hint">{t('reporting.workbook.dropHint')}</p>
          </Upload.Dragger>
          {progress}
          {errorAlert}
        </Flex>
      ) : null}
      {step === 1 && check ? (
        <CheckStep
          check={check}
          error={errorAlert}
          progress={progress}
          onBack={() => {
            setStep(0);
            setError(null);
          }}
          onNext={() => {
            setError(null);
            setStep(2);
          }}
        />
      ) : null}
      {step === 2 && check ? (
        <Flex vertical gap={token.margin}>
          <Typography.Text strong>{t('reporting.workbook.mode')}</Typography.Text>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} disabled={busy}>
            <Space direction="vertical">
              <Radio value="draft" disabled={!check.canDraft}>
                {t('reporting.workbook.modeDraft')}
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {t('reporting.workbook.modeDraftHint')}
                </Typography.Text>
              </Radio>
              <Radio value="submit" disabled={!check.canSubmit || !canSubmit}>
                {t('reporting.workbook.modeSubmit')}
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {check.canSubmit
                    ? t('reporting.workbook.modeSubmitHint')
                    : t('reporting.workbook.submitBlocked')}
                </Typography.Text>
              </Radio>
            </Space>
          </Radio.Group>
          {progress}
          {errorAlert}
          <Flex gap={token.marginSM} justify="flex-end" wrap>
            <Button onClick={() => setStep(1)} disabled={busy}>
              {t('reporting.workbook.back')}
            </Button>
            <Button
              type="primary"
              loading={busy}
              disabled={(mode === 'draft' && !check.canDraft) || (mode === 'submit' && !check.canSubmit)}
              onClick={() => void runImport()}
            >
              {t('reporting.workbook.confirm', { count })}
            </Button>
          </Flex>
        </Flex>
      ) : null}
      {step === 3 && result ? (
        <Result
          status="success"
          title={t('reporting.workbook.done')}
          subTitle={t('reporting.workbook.doneSummary', {
            created: result.created,
            updated: result.updated,
            submitted: result.submitted,
            unchanged: result.unchanged,
          })}
          extra={
            <Button type="primary" onClick={onClose}>
              {t('reporting.workbook.close')}
            </Button>
          }
        />
      ) : null}
    </Flex>
  );
}

function CheckStep({
  check,
  error,
  progress,
  onBack,
  onNext,
}: {
  check: ImportCheck;
  error: React.ReactNode;
  progress: React.ReactNode;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [page, setPage] = useState(1);
  const rows: ProblemRow[] = check.problems.map((p, i) => ({ ...p, id: String(i) }));
  const blocking = check.problems.filter((p) => p.blocks.includes('draft')).length;
  const submitOnly = check.problems.length - blocking;
  const unchanged = Math.max(check.unchangedDraft, check.unchangedSubmit);
  const unchangedMode = check.unchangedDraft >= check.unchangedSubmit ? 'draft' : 'submit';
  return (
    <Flex vertical gap={token.margin}>
      <Typography.Text>
        {t('reporting.workbook.summary', {
          count: check.rows,
          // each part counted on its own, so English reads "1 new report" beside "2 drafts updated"
          create: t('reporting.workbook.summaryCreate', { count: check.toCreate }),
          update: t('reporting.workbook.summaryUpdate', { count: check.toUpdate }),
        })}
      </Typography.Text>
      {unchanged > 0 ? (
        <Alert
          type="info"
          showIcon
          title={t('reporting.workbook.unchanged', {
            count: unchanged,
            mode: t(`reporting.workbook.modeName.${unchangedMode}`),
          })}
        />
      ) : null}
      {check.problems.length === 0 ? (
        <Alert type="success" showIcon title={t('reporting.workbook.allPassed')} />
      ) : (
        <>
          {blocking > 0 ? (
            <Alert type="error" showIcon title={t('reporting.workbook.problemCount', { count: blocking })} />
          ) : null}
          {submitOnly > 0 ? (
            <Alert
              type="warning"
              showIcon
              title={t('reporting.workbook.submitOnly', { count: submitOnly })}
            />
          ) : null}
          <ResponsiveTable<ProblemRow>
            dataSource={rows}
            emptyText={t('reporting.workbook.allPassed')}
            pagination={
              rows.length > 20
                ? { current: page, pageSize: 20, total: rows.length, onChange: setPage }
                : false
            }
            cardTitle={['sheet', 'row', 'column']}
            columns={[
              { key: 'sheet', dataIndex: 'sheet', title: t('reporting.workbook.column.sheet') },
              {
                key: 'row',
                dataIndex: 'row',
                title: t('reporting.workbook.column.row'),
                render: (row: number | null) => row ?? t('reporting.workbook.wholeSheet'),
              },
              {
                key: 'column',
                dataIndex: 'column',
                title: t('reporting.workbook.column.column'),
                render: (_: unknown, p: ProblemRow) =>
                  p.column
                    ? `${p.column} ${p.columnName ?? ''}`
                    : p.row === null
                      ? ''
                      : t('reporting.workbook.whole'),
              },
              {
                key: 'message',
                dataIndex: 'message',
                title: t('reporting.workbook.column.message'),
                // the message wraps: the table is as wide as its content, and the part of a message cut off at the
                // drawer's edge was the part that says how to mend the file
                render: (text: string, p: ProblemRow) => (
                  <div style={{ minWidth: '14em', maxWidth: '22em', whiteSpace: 'normal' }}>
                    {p.blocks.includes('draft') ? null : (
                      <Tag color="warning">{t('reporting.workbook.submitOnlyTag')}</Tag>
                    )}
                    {text}
                  </div>
                ),
              },
            ]}
          />
        </>
      )}
      {progress}
      {error}
      <Flex gap={token.marginSM} justify="flex-end" wrap>
        <Button onClick={onBack}>{t('reporting.workbook.reupload')}</Button>
        <Button type="primary" disabled={!check.canDraft && !check.canSubmit} onClick={onNext}>
          {t('reporting.workbook.next')}
        </Button>
      </Flex>
    </Flex>
  );
}
