import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { API_TOKEN_SCOPE_VALUES, type ApiToken, ApiTokenCreate } from '@gongfu/contract';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  type TableColumnsType,
  Tag,
  Typography,
  theme,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { ResponsiveTable } from '../../../components/responsive-table';
import { instantText } from '../../../lib/shanghai-time';
import { useActiveMembership } from '../../auth/api/get-me';
import { QueryState } from '../../kpis/components/query-state';
import { useVentures } from '../../register/api/register';
import { checkNested, placeServerErrors } from '../../users/components/form-errors';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from '../api/api-tokens';

const EXPIRY_DAYS = [30, 90, 180, 366] as const;
/** i18next reads `:` as a namespace separator: a scope's label has a key of its own */
const SCOPE_KEY = {
  'report:write': 'apiTokens.scope.reportWrite',
  'report:read': 'apiTokens.scope.reportRead',
  'register:read': 'apiTokens.scope.registerRead',
} as const;
const STATUS_COLOR = { active: 'green', expired: 'orange', revoked: 'default' } as const;

interface Values {
  name: string;
  scopes: string[];
  expiresInDays: number;
  /** one venture of the scope; absent: every venture the membership reaches */
  ventureId?: string;
}

/**
 * API 令牌: the tokens a community admin or a partner operator gives its company systems — name, scopes, status,
 * expiry, last use, creator — with a dialog to create one (its token shown once, with a copy button) and revoking
 * after a confirmation. The district's admins see and revoke their district's tokens but create none (ADR 0026).
 */
export function ApiTokensPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const membership = useActiveMembership();
  const mayCreate = membership?.role === 'community_admin' || membership?.role === 'partner_operator';
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);
  const rows = useMemo(() => tokens.data?.items ?? [], [tokens.data]);

  const confirmRevoke = (token: ApiToken) =>
    modal.confirm({
      title: t('apiTokens.confirm.revokeTitle', { name: token.name }),
      content: t('apiTokens.confirm.revokeBody'),
      okText: t('apiTokens.confirm.revokeOk'),
      okButtonProps: { danger: true },
      cancelText: t('apiTokens.confirm.cancel'),
      onOk: () =>
        revoke
          .mutateAsync(token.id)
          .then(() => void message.success(t('apiTokens.done.revoked', { name: token.name })))
          .catch((error: { message: string }) => void message.error(error.message)),
    });

  const columns: TableColumnsType<ApiToken> = [
    {
      title: t('apiTokens.field.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: t('apiTokens.field.scopes'),
      dataIndex: 'scopes',
      key: 'scopes',
      render: (scopes: ApiToken['scopes']) => (
        <Flex gap={4} wrap>
          {scopes.map((s) => (
            <Tag key={s}>{t(SCOPE_KEY[s])}</Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('apiTokens.field.venture'),
      dataIndex: 'ventureName',
      key: 'venture',
      render: (name: string | null, token: ApiToken) =>
        token.ventureId === null ? (
          <Typography.Text type="secondary">{t('apiTokens.allVentures')}</Typography.Text>
        ) : (
          (name ?? '—')
        ),
    },
    {
      title: t('apiTokens.field.status'),
      dataIndex: 'status',
      key: 'status',
      render: (status: ApiToken['status'], token: ApiToken) => (
        <Flex vertical gap={2} align="flex-start">
          <Tag color={STATUS_COLOR[status]}>{t(`apiTokens.status.${status}`)}</Tag>
          {/* the expiry alone says nothing of a revoked token: when it stopped working is what a reader asks */}
          {status === 'revoked' && token.revokedAt ? (
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {t('apiTokens.revokedAt', { at: instantText(token.revokedAt) })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('apiTokens.field.expiresAt'),
      dataIndex: 'expiresAt',
      key: 'expiresAt',
      render: (at: string) => instantText(at),
    },
    {
      title: t('apiTokens.field.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      render: (at: string | null) =>
        at ? instantText(at) : <Typography.Text type="secondary">{t('apiTokens.never')}</Typography.Text>,
    },
    {
      title: t('apiTokens.field.createdBy'),
      dataIndex: 'createdByName',
      key: 'createdByName',
      render: (name: string | null) => name ?? '—',
    },
    {
      title: t('apiTokens.actions.column'),
      key: 'actions',
      render: (_: unknown, token: ApiToken) =>
        token.status === 'revoked' ? null : (
          <Button
            size="small"
            danger
            aria-label={`${t('apiTokens.actions.revoke')} ${token.name}`}
            onClick={() => confirmRevoke(token)}
          >
            {t('apiTokens.actions.revoke')}
          </Button>
        ),
    },
  ];

  return (
    <PageContainer
      title={t('apiTokens.title')}
      subTitle={t('apiTokens.subtitle')}
      extra={
        mayCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('apiTokens.actions.create')}
          </Button>
        ) : null
      }
    >
      <QueryState query={tokens} rows={4} emptyText="">
        {() => (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('apiTokens.total', { count: rows.length })}
            </Typography.Paragraph>
            <ResponsiveTable<ApiToken>
              columns={columns}
              dataSource={rows}
              cardAction="actions"
              pagination={false}
              emptyText={t('apiTokens.empty')}
            />
          </>
        )}
      </QueryState>
      {creating ? (
        <CreateDialog
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setShown(created);
          }}
        />
      ) : null}
      <TokenModal shown={shown} onClose={() => setShown(null)} />
    </PageContainer>
  );
}

/**
 * 新建令牌: name, scopes, validity and, if the system serves one venture, that venture (a Select of the ventures the
 * membership reaches: a community's own, a partner's operated ones); checked with the contract's schema, then by
 * the API, which checks the venture in the creator's scope again.
 */
function CreateDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (shown: { name: string; token: string }) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateApiToken();
  const ventures = useVentures({});
  const ventureOptions = useMemo(() => {
    const items = ventures.data?.items ?? [];
    // a partner's ventures may lie in several communities: then each says which
    const several = new Set(items.map((v) => v.communityId)).size > 1;
    return items.map((v) => ({ value: v.id, label: several ? `${v.name} · ${v.communityName}` : v.name }));
  }, [ventures.data]);
  const [unplaced, setUnplaced] = useState<{ path: string; text: string }[]>([]);
  const submit = (values: Values) => {
    const body = {
      name: values.name?.trim() ?? '',
      scopes: values.scopes ?? [],
      expiresInDays: values.expiresInDays,
      ...(values.ventureId ? { ventureId: values.ventureId } : {}),
    };
    if (!checkNested(ApiTokenCreate, body, form, t)) return;
    create.mutate(body as ApiTokenCreate, {
      onSuccess: (result) => onCreated({ name: result.apiToken.name, token: result.token }),
      onError: (error) => setUnplaced(placeServerErrors(error, form)),
    });
  };
  return (
    <Modal
      open
      title={t('apiTokens.create.title')}
      onCancel={onClose}
      okText={t('apiTokens.create.submit')}
      cancelText={t('apiTokens.create.cancel')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Alert type="info" showIcon title={t('apiTokens.create.intro')} />
        {create.error && unplaced.length === 0 && Object.keys(create.error.fields ?? {}).length === 0 ? (
          <Alert type="error" showIcon title={create.error.message} />
        ) : null}
        {unplaced.map((u) => (
          <Alert key={u.path} type="error" showIcon title={`${u.path}: ${u.text}`} />
        ))}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          disabled={create.isPending}
          // least privilege: read only until the admin ticks more
          initialValues={{ scopes: ['report:read'], expiresInDays: 90 }}
        >
          <Form.Item
            name="name"
            label={t('apiTokens.field.name')}
            rules={[{ required: true, whitespace: true, message: t('apiTokens.create.required') }]}
          >
            <Input maxLength={100} autoComplete="off" placeholder={t('apiTokens.create.namePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="scopes"
            label={t('apiTokens.field.scopes')}
            rules={[{ required: true, type: 'array', min: 1, message: t('apiTokens.create.scopesRequired') }]}
          >
            <Checkbox.Group
              options={API_TOKEN_SCOPE_VALUES.map((s) => ({ value: s, label: t(SCOPE_KEY[s]) }))}
            />
          </Form.Item>
          <Form.Item
            name="ventureId"
            label={t('apiTokens.field.venture')}
            extra={t('apiTokens.create.ventureHelp')}
          >
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={ventures.isLoading}
              placeholder={t('apiTokens.allVentures')}
              options={ventureOptions}
            />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('apiTokens.field.expiresIn')}>
            <Select
              options={EXPIRY_DAYS.map((d) => ({ value: d, label: t('apiTokens.days', { count: d }) }))}
              style={{ maxWidth: 200 }}
            />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}

/** The token, shown this once: closes only by its button, with a copy button and the warning. */
function TokenModal({
  shown,
  onClose,
}: {
  shown: { name: string; token: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  const { token: design } = theme.useToken();
  const close = () => {
    setCopied(false);
    onClose();
  };
  const copy = async (token: string) => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
      void message.success(t('apiTokens.shown.copied'));
    } catch {
      void message.warning(t('apiTokens.shown.copyFailed'));
    }
  };
  // unmounted as soon as it closes: no closing animation keeps the secret in the page
  if (!shown) return null;
  return (
    <Modal
      open
      title={t('apiTokens.shown.title')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={close}>
          {t('apiTokens.shown.done')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text>{t('apiTokens.shown.body', { name: shown.name })}</Typography.Text>
        {/* a block, not inline <code>: inline code's box does not follow its wrapped lines, so the long token ran
            past its box to the dialog's edge; one click selects it all for a hand copy */}
        <div
          data-testid="api-token"
          style={{
            fontFamily: design.fontFamilyCode,
            fontSize: 14,
            padding: `${design.paddingXS}px ${design.paddingSM}px`,
            background: design.colorFillTertiary,
            border: `1px solid ${design.colorBorderSecondary}`,
            borderRadius: design.borderRadius,
            wordBreak: 'break-all',
            overflowWrap: 'anywhere',
            userSelect: 'all',
          }}
        >
          {shown.token}
        </div>
        <div>
          <Button icon={<CopyOutlined />} onClick={() => void copy(shown.token)}>
            {copied ? t('apiTokens.shown.copied') : t('apiTokens.shown.copy')}
          </Button>
        </div>
        <Alert type="warning" showIcon title={t('apiTokens.shown.warning')} />
      </Flex>
    </Modal>
  );
}
