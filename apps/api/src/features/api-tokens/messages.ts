/** The API token feature's words (ADR 0026). */
export const API_TOKEN_MESSAGES = {
  api_token_route_not_allowed: {
    'zh-CN': 'API 令牌不能调用此接口（只能创建、提交和查看月报及查看登记台账）',
    en: 'An API token cannot call this operation (only creating, submitting and reading reports, and reading the register)',
  },
  api_token_scope_missing: {
    'zh-CN': '该 API 令牌没有此操作所需的权限范围：{scope}',
    en: 'This API token lacks the scope this operation needs: {scope}',
  },
  api_token_invalid: {
    'zh-CN': 'API 令牌无效、已过期或已撤销',
    en: 'The API token is invalid, expired or revoked',
  },
  api_token_rate_limited: {
    'zh-CN': '该 API 令牌请求过于频繁，请 {seconds} 秒后再试',
    en: 'Too many requests with this API token; try again in {seconds} seconds',
  },
  api_token_venture_out_of_scope: {
    'zh-CN': '只能为本社区（或本运营方运营）的项目创建令牌',
    en: 'Choose a venture of your own community (or one you operate)',
  },
  api_token_role: {
    'zh-CN': '只有社区管理员和合作方运营人员可以创建 API 令牌',
    en: 'Only community admins and partner operators can create API tokens',
  },
} as const;
