/**
 * `pnpm gongfu <command>`: what the people who run the platform do from a shell (issue 15). The same services,
 * validation, RLS scopes and audit trail as the API — the CLI is another entry point of this composition root,
 * like server.ts — on the embedded database (DATA_DIR, default .data/pglite; stop `pnpm start` first: PGlite is
 * one process's) or on PostgreSQL (DATABASE_URL). `--help` on every command. Messages follow LANG (zh-CN unless
 * it starts with "en").
 */
import { generateInitialPassword, hashPassword, invalidateUserSessions } from '@gongfu/auth';
import { DistrictCreate, UserInvite } from '@gongfu/contract';
import { type Database, migrateToLatest, openDatabase, userAdmin, withTenantTransaction } from '@gongfu/db';
import { isGrantableRole } from '@gongfu/domain';
import type { Kysely } from 'kysely';
import { readCliEnv } from '../env';
import { ApiError, fieldText } from '../errors';
import * as users from '../features/users/service';
import { type Lang, message } from '../i18n/messages';
import { describeIssue } from '../i18n/validation';
import { DISTRICT_BACKUP_COMMANDS } from './district-backup';
import { type CliActor, districtActor, OPERATOR_USER_ID, platformActor } from './operator';
import { checkRlsCatalog } from './rls-check';
import { TOKEN_COMMANDS } from './tokens';

/** Read on each message, so a test (or a wrapper) may set LANG after the import. */
const lang = (): Lang => readCliEnv().lang;
const say = (zh: string, en: string) => (lang() === 'en' ? en : zh);

export interface Command {
  usage: string;
  /** the option a bare argument fills (`token revoke <id>`) */
  positional?: string;
  summary: [zh: string, en: string];
  options: Record<string, [zh: string, en: string]>;
  run(args: Record<string, string | undefined>, io: Io, db: Kysely<Database>): Promise<number>;
}
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** A request id the audit trail shows for every change the CLI makes. */
const requestId = (command: string) => `cli:${command}:${readCliEnv().operator}`;

class UsageError extends Error {}

function required(args: Record<string, string | undefined>, name: string): string {
  const value = args[name]?.trim();
  if (!value) throw new UsageError(say(`缺少 --${name}`, `--${name} is required`));
  return value;
}

/** The database the CLI works on: PostgreSQL with DATABASE_URL, else the embedded one, migrated to the latest. */
async function openCliDatabase() {
  const env = readCliEnv();
  const handle = await openDatabase(env.databaseUrl ? { url: env.databaseUrl } : { dataDir: env.dataDir });
  await migrateToLatest(handle.db);
  return { db: handle.db, close: () => handle.close() };
}

/** The district named by id or by its exact name. */
async function districtIdOf(db: Kysely<Database>, ref: string): Promise<string> {
  const districts = await withTenantTransaction(db, platformActor.db, (trx) => userAdmin.listDistricts(trx));
  const found = districts.find((d) => d.district_id === ref || d.name === ref);
  if (!found) throw new UsageError(say(`找不到区县：${ref}`, `no district ${ref}`));
  return found.district_id;
}

async function userIdOf(
  db: Kysely<Database>,
  actor: CliActor,
  districtId: string,
  email: string,
): Promise<string> {
  const rows = await withTenantTransaction(db, actor.db, (trx) =>
    userAdmin.listDistrictUsers(trx, { districtId }),
  );
  const found = rows.find((u) => u.email === email.toLowerCase());
  if (!found) throw new UsageError(say(`该区县没有账号 ${email}`, `the district has no account ${email}`));
  return found.user_id;
}

async function newPassword() {
  const plain = generateInitialPassword();
  return { plain, hash: await hashPassword(plain) };
}

function validate<T>(
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: unknown[] } };
  },
  value: unknown,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const i = issue as { path: PropertyKey[] };
    return `  ${i.path.join('.')}: ${describeIssue(issue as never, lang())}`;
  });
  throw new UsageError(`${say('输入有误：', 'invalid input:')}\n${lines.join('\n')}`);
}

const showPassword = (io: Io, email: string, plain: string) => {
  io.out(
    say(`账号 ${email} 的初始密码（只显示这一次）：`, `initial password of ${email} (shown this once):`),
  );
  io.out(`  ${plain}`);
  io.out(
    say(
      '请通过安全渠道交给本人，首次登录后修改。',
      'hand it over by a safe channel; it should be changed at first login.',
    ),
  );
};

export const COMMANDS: Record<string, Command> = {
  'district list': {
    usage: 'district list',
    summary: ['列出所有区县', 'list the districts'],
    options: {},
    async run(_args, io, db) {
      const rows = await withTenantTransaction(db, platformActor.db, (trx) => userAdmin.listDistricts(trx));
      for (const d of rows) io.out(`${d.district_id}  ${d.name}${d.admin_code ? `  (${d.admin_code})` : ''}`);
      if (rows.length === 0) io.out(say('还没有区县', 'no districts yet'));
      return 0;
    },
  },
  'district create': {
    usage:
      'district create --name <名称> --admin-email <邮箱> --admin-name <姓名> [--admin-code <行政区划代码>]',
    summary: ['创建区县及其第一位区级管理员', 'create a district and its first admin'],
    options: {
      name: ['区县名称，如 攀枝花市东区', 'the district’s name'],
      'admin-email': ['第一位区级管理员的登录邮箱', 'the first admin’s login email'],
      'admin-name': ['第一位区级管理员的姓名', 'the first admin’s name'],
      'admin-code': ['行政区划代码（可选）', 'administrative division code (optional)'],
    },
    async run(args, io, db) {
      const input = validate(DistrictCreate, {
        name: required(args, 'name'),
        adminCode: args['admin-code'],
        admin: { email: required(args, 'admin-email'), displayName: required(args, 'admin-name') },
      });
      const password = await newPassword();
      const result = await withTenantTransaction(db, platformActor.db, (trx) =>
        users.createDistrict(trx, platformActor.actor, input, password, requestId('district-create')),
      );
      io.out(
        say(
          `已创建区县 ${result.district.name}（${result.district.id}）`,
          `created ${result.district.name} (${result.district.id})`,
        ),
      );
      showPassword(io, result.admin.email, result.initialPassword);
      return 0;
    },
  },
  'user create': {
    usage:
      'user create --district <id|名称> --email <邮箱> --name <姓名> --role <角色> [--community <id>] [--partner <id>]',
    summary: [
      '在区县内创建账号（打印一次性初始密码）',
      'create an account in a district (prints a one-time password)',
    ],
    options: {
      district: ['区县 id 或名称', 'district id or name'],
      email: ['登录邮箱', 'login email'],
      name: ['姓名', 'display name'],
      role: [
        '角色：district_admin, district_viewer, community_admin, community_reporter, partner_operator',
        'role: district_admin, district_viewer, community_admin, community_reporter, partner_operator',
      ],
      community: ['社区 id（社区角色必填）', 'community id (community roles)'],
      partner: ['合作方 id（运营方角色必填）', 'partner id (partner operator)'],
    },
    async run(args, io, db) {
      const role = required(args, 'role');
      if (!isGrantableRole(role)) throw new UsageError(say(`未知角色：${role}`, `unknown role: ${role}`));
      const input = validate(UserInvite, {
        email: required(args, 'email'),
        displayName: required(args, 'name'),
        memberships: [{ role, communityId: args.community ?? null, partnerId: args.partner ?? null }],
      });
      const password = await newPassword();
      const result = await (async () => {
        const districtId = await districtIdOf(db, required(args, 'district'));
        const actor = districtActor(districtId);
        return withTenantTransaction(db, actor.db, (trx) =>
          users.inviteUser(trx, actor.actor, input, password, requestId('user-create')),
        );
      })();
      io.out(say(`已创建账号 ${result.user.email}`, `created ${result.user.email}`));
      showPassword(io, result.user.email, result.initialPassword);
      return 0;
    },
  },
  'user reset-password': {
    usage: 'user reset-password --district <id|名称> --email <邮箱>',
    summary: [
      '重置密码（打印一次性初始密码，结束其所有会话）',
      'reset a password (prints a one-time password, ends its sessions)',
    ],
    options: { district: ['区县 id 或名称', 'district id or name'], email: ['登录邮箱', 'login email'] },
    async run(args, io, db) {
      const password = await newPassword();
      const result = await (async () => {
        const districtId = await districtIdOf(db, required(args, 'district'));
        const actor = districtActor(districtId);
        const userId = await userIdOf(db, actor, districtId, required(args, 'email'));
        const done = await withTenantTransaction(db, actor.db, (trx) =>
          users.resetPassword(trx, actor.actor, userId, password, requestId('user-reset-password')),
        );
        await invalidateUserSessions(db, userId);
        return done;
      })();
      showPassword(io, result.user.email, result.initialPassword);
      return 0;
    },
  },
  'user disable': {
    usage: 'user disable --district <id|名称> --email <邮箱>',
    summary: ['停用账号，立即结束其所有会话', 'disable an account and end its sessions at once'],
    options: { district: ['区县 id 或名称', 'district id or name'], email: ['登录邮箱', 'login email'] },
    async run(args, io, db) {
      const result = await (async () => {
        const districtId = await districtIdOf(db, required(args, 'district'));
        const actor = districtActor(districtId);
        const userId = await userIdOf(db, actor, districtId, required(args, 'email'));
        const done = await withTenantTransaction(db, actor.db, (trx) =>
          users.disableUser(trx, actor.actor, userId, requestId('user-disable')),
        );
        await invalidateUserSessions(db, userId);
        return done;
      })();
      io.out(
        result.changed
          ? say(`已停用 ${result.user.email}`, `disabled ${result.user.email}`)
          : say(`${result.user.email} 已是停用状态`, `${result.user.email} was already disabled`),
      );
      return 0;
    },
  },
  'user enable': {
    usage: 'user enable --district <id|名称> --email <邮箱>',
    summary: ['重新启用账号', 're-enable an account'],
    options: { district: ['区县 id 或名称', 'district id or name'], email: ['登录邮箱', 'login email'] },
    async run(args, io, db) {
      const user = await (async () => {
        const districtId = await districtIdOf(db, required(args, 'district'));
        const actor = districtActor(districtId);
        const userId = await userIdOf(db, actor, districtId, required(args, 'email'));
        return withTenantTransaction(db, actor.db, (trx) =>
          users.enableUser(trx, actor.actor, userId, requestId('user-enable')),
        );
      })();
      io.out(say(`已启用 ${user.email}`, `enabled ${user.email}`));
      return 0;
    },
  },
  'rls check': {
    usage: 'rls check',
    summary: [
      '检查数据库的行级安全：每张租户表已启用并强制 RLS、策略齐全、运行时角色安全；有问题时以非零状态退出',
      'check the database’s row-level security: every tenant table forced, its policies present, the runtime roles safe; exits non-zero on any problem',
    ],
    options: {},
    async run(_args, io, db) {
      const problems = await checkRlsCatalog(db);
      if (problems.length === 0) {
        io.out(say('RLS 检查通过', 'RLS check passed'));
        return 0;
      }
      io.err(
        say(`RLS 检查发现 ${problems.length} 个问题：`, `RLS check found ${problems.length} problem(s):`),
      );
      for (const p of problems) io.err(`  - ${p}`);
      return 1;
    },
  },
  ...TOKEN_COMMANDS,
  ...DISTRICT_BACKUP_COMMANDS,
};

function help(io: Io) {
  io.out(say('用法：pnpm gongfu <命令> [选项]', 'usage: pnpm gongfu <command> [options]'));
  io.out('');
  for (const [name, c] of Object.entries(COMMANDS)) io.out(`  ${name.padEnd(22)} ${say(...c.summary)}`);
  io.out('');
  io.out(
    say(
      '数据库：设置 DATABASE_URL 使用 PostgreSQL，否则使用内嵌数据库 DATA_DIR（默认 .data/pglite，使用前先停止 pnpm start）。',
      'database: DATABASE_URL for PostgreSQL, else the embedded one in DATA_DIR (default .data/pglite; stop pnpm start first).',
    ),
  );
  io.out(say('每个命令都支持 --help。', 'every command takes --help.'));
}

function commandHelp(io: Io, c: Command) {
  io.out(`pnpm gongfu ${c.usage}`);
  io.out(`  ${say(...c.summary)}`);
  for (const [name, text] of Object.entries(c.options)) io.out(`  --${name.padEnd(14)} ${say(...text)}`);
}

/** Parses `--name value` and `--flag` pairs. */
function parseOptions(argv: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (!token.startsWith('--'))
      throw new UsageError(say(`多余的参数：${token}`, `unexpected argument: ${token}`));
    const [name, inline] = token.slice(2).split(/=(.*)/s) as [string, string | undefined];
    if (inline !== undefined) out[name] = inline;
    else if (argv[i + 1] !== undefined && !(argv[i + 1] as string).startsWith('--')) out[name] = argv[++i];
    else out[name] = 'true';
  }
  return out;
}

/** Runs one command line; returns the exit status. `database` is the tests' (default: DATABASE_URL or DATA_DIR). */
export async function runCli(
  argv: string[],
  io: Io,
  database: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }> = openCliDatabase,
): Promise<number> {
  const words = argv.filter((a) => a !== '--');
  const name = Object.keys(COMMANDS).find((k) => k.split(' ').every((w, i) => words[i] === w));
  if (!name) {
    help(io);
    return words.length === 0 || words[0] === '--help' || words[0] === 'help' ? 0 : 2;
  }
  const command = COMMANDS[name] as Command;
  const rest = words.slice(name.split(' ').length);
  if (rest.includes('--help')) {
    commandHelp(io, command);
    return 0;
  }
  try {
    const bare = command.positional ? rest.findIndex((a) => !a.startsWith('--')) : -1;
    const args = parseOptions(bare === 0 ? [`--${command.positional}`, ...rest] : rest);
    const unknown = Object.keys(args).filter((k) => !(k in command.options));
    if (unknown.length)
      throw new UsageError(
        say(`未知选项：--${unknown.join(', --')}`, `unknown option: --${unknown.join(', --')}`),
      );
    const { db, close } = await database();
    try {
      return await command.run(args, io, db);
    } finally {
      await close();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      io.err(say(`用法：pnpm gongfu ${command.usage}`, `usage: pnpm gongfu ${command.usage}`));
      return 2;
    }
    if (error instanceof ApiError) {
      io.err(message(error.code, lang(), error.params));
      for (const [field, text] of Object.entries(error.fields ?? {}))
        io.err(`  ${field}: ${fieldText(text, lang())}`);
      return 1;
    }
    throw error;
  }
}

export { OPERATOR_USER_ID };
