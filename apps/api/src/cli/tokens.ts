/**
 * `pnpm gongfu token list` / `token revoke <id>` (issue 15, ADR 0026): the operator's view of the API tokens of
 * company systems. Listing acts as each district's admin (the district scope reads its tokens, never their
 * secrets: only hashes are stored); revoking finds the token's district through the one-token scope, then revokes
 * it as that district's admin, through the same service and audit trail as the admin screen.
 */
import { apiTokens, type Database, userAdmin, withTenantTransaction } from '@gongfu/db';
import type { Kysely } from 'kysely';
import { readCliEnv } from '../env';
import * as tokens from '../features/api-tokens/service';
import type { Command, Io } from './main';
import { districtActor, platformActor } from './operator';

const say = (zh: string, en: string) => (readCliEnv().lang === 'en' ? en : zh);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function districtsOf(db: Kysely<Database>, ref: string | undefined) {
  const all = await withTenantTransaction(db, platformActor.db, (trx) => userAdmin.listDistricts(trx));
  return ref ? all.filter((d) => d.district_id === ref || d.name === ref) : all;
}

const day = (value: Date | string | null) =>
  value === null ? '-' : new Date(value).toISOString().slice(0, 16);

export const TOKEN_COMMANDS: Record<string, Command> = {
  'token list': {
    usage: 'token list [--district <id|名称>]',
    summary: [
      '列出 API 令牌（名称、权限范围、限定项目、状态、到期、最近使用、创建人）',
      'list API tokens (name, scopes, its one venture if any, status, expiry, last use, creator)',
    ],
    options: { district: ['只列此区县（id 或名称）', 'only this district (id or name)'] },
    async run(args, io: Io, db) {
      const districts = await districtsOf(db, args.district);
      if (args.district && districts.length === 0) {
        io.err(say(`找不到区县：${args.district}`, `no district ${args.district}`));
        return 2;
      }
      let count = 0;
      const now = new Date();
      for (const d of districts) {
        const rows = await withTenantTransaction(db, districtActor(d.district_id).db, (trx) =>
          apiTokens.listTokens(trx, d.district_id),
        );
        for (const r of rows) {
          const status = r.revoked_at
            ? say('已撤销', 'revoked')
            : new Date(r.expires_at) <= now
              ? say('已过期', 'expired')
              : say('有效', 'active');
          io.out(
            [
              r.token_id,
              d.name,
              r.name,
              r.scopes.join(','),
              ...(r.venture_id ? [`${say('仅项目', 'venture only')} ${r.venture_name ?? r.venture_id}`] : []),
              status,
              `${say('到期', 'expires')} ${day(r.expires_at)}`,
              `${say('最近使用', 'last used')} ${day(r.last_used_at)}`,
              `${say('创建人', 'by')} ${r.created_by_name ?? r.created_by}`,
            ].join('  '),
          );
          count++;
        }
      }
      io.out(say(`共 ${count} 个令牌`, `${count} token(s)`));
      return 0;
    },
  },
  'token revoke': {
    usage: 'token revoke <id>',
    positional: 'id',
    summary: ['撤销一个 API 令牌，立即失效', 'revoke an API token: it stops working at once'],
    options: { id: ['令牌 id（token list 中的第一列）', 'the token id (first column of token list)'] },
    async run(args, io: Io, db) {
      const id = args.id?.trim();
      if (!id || !UUID.test(id)) {
        io.err(say('请给出令牌 id（UUID）', 'give the token id (a UUID)'));
        io.err(say('用法：pnpm gongfu token revoke <id>', 'usage: pnpm gongfu token revoke <id>'));
        return 2;
      }
      // the one-token scope reads the token's own row: which district it belongs to
      const found = await withTenantTransaction(db, { kind: 'token', tokenId: id }, (trx) =>
        trx
          .selectFrom('api_tokens')
          .select(['district_id', 'name'])
          .where('token_id', '=', id)
          .executeTakeFirst(),
      );
      if (!found) {
        io.err(say(`找不到令牌 ${id}`, `no token ${id}`));
        return 1;
      }
      const actor = districtActor(found.district_id);
      const revoked = await withTenantTransaction(db, actor.db, (trx) =>
        tokens.revokeToken(trx, actor.actor, id, `cli:token-revoke:${readCliEnv().operator}`),
      );
      io.out(say(`已撤销令牌「${revoked.name}」（${id}）`, `revoked token "${revoked.name}" (${id})`));
      return 0;
    },
  },
};
