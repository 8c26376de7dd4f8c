/**
 * `pnpm gongfu district export` / `district import` (issue 15): the backup a district asks for before it leaves,
 * and how it arrives elsewhere. The file is @gongfu/db's district dump (format /2: the district, the time of the
 * export, the source's migration, each table's row count and a SHA-256 — docs/operations.md); the import refuses,
 * before writing anything, a damaged or edited file, a format this version does not read, a database at another
 * migration, or a district already there, and otherwise loads in one transaction. Both ends act as the database
 * owner (the dump reads and writes under forced RLS): the embedded database, or a DATABASE_URL of a superuser.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { userAdmin, withTenantTransaction } from '@gongfu/db';
import { type DistrictDump, DistrictDumpRefused, dumpDistrict, loadDistrict } from '@gongfu/db/backup';
import { readCliEnv } from '../env';
import type { Command, Io } from './main';
import { platformActor } from './operator';

const say = (zh: string, en: string) => (readCliEnv().lang === 'en' ? en : zh);

/** One line per table on stderr: progress a person can follow, and a log a script can keep. */
const progress = (io: Io, verb: [string, string]) => (done: number, of: number, table: string) =>
  io.err(`  [${String(done + 1).padStart(String(of).length)}/${of}] ${say(...verb)} ${table}`);

function refusal(error: DistrictDumpRefused): string {
  const p = error.params;
  switch (error.code) {
    case 'format':
      return say(
        `不是本版本能读取的区县导出文件（格式 ${p.format}）`,
        `not a district export this version reads (format ${p.format})`,
      );
    case 'checksum':
      return say(
        '文件已损坏或被修改（校验和不符），未导入任何数据',
        'the file is damaged or was edited (its checksum does not match); nothing was imported',
      );
    case 'migration':
      return say(
        `导出时数据库版本为 ${p.dump}，本数据库为 ${p.database}：请先升级到相同版本，未导入任何数据`,
        `exported at migration ${p.dump}, this database is at ${p.database}: bring it to the same version first; nothing was imported`,
      );
    case 'exists':
      return say(
        `本数据库已有该区县（${p.district}），未导入任何数据`,
        `this database already holds the district (${p.district}); nothing was imported`,
      );
  }
}

export const DISTRICT_BACKUP_COMMANDS: Record<string, Command> = {
  'district export': {
    usage: 'district export --district <id|名称> --out <文件.json>',
    summary: [
      '把一个区县的全部数据导出为一个文件（离开平台前的备份）',
      'export one district’s data to a file (the backup a district takes before it leaves)',
    ],
    options: {
      district: ['区县 id 或名称', 'district id or name'],
      out: ['写入的文件', 'the file to write'],
    },
    async run(args, io, db) {
      const ref = args.district?.trim();
      const out = args.out?.trim();
      if (!ref || !out) {
        io.err(say('需要 --district 和 --out', '--district and --out are required'));
        return 2;
      }
      const districts = await withTenantTransaction(db, platformActor.db, (trx) =>
        userAdmin.listDistricts(trx),
      );
      const district = districts.find((d) => d.district_id === ref || d.name === ref);
      if (!district) {
        io.err(say(`找不到区县：${ref}`, `no district ${ref}`));
        return 2;
      }
      io.err(say(`正在导出 ${district.name}…`, `exporting ${district.name}…`));
      const dump = await dumpDistrict(db, district.district_id);
      await writeFile(out, JSON.stringify(dump));
      const rows = dump.tables.reduce((sum, t) => sum + (t.count ?? 0), 0);
      io.out(
        say(
          `已导出 ${district.name}：${dump.tables.length} 张表，${rows} 行，写入 ${out}（校验和 ${dump.checksum?.slice(0, 12)}…）`,
          `exported ${district.name}: ${dump.tables.length} tables, ${rows} rows, written to ${out} (checksum ${dump.checksum?.slice(0, 12)}…)`,
        ),
      );
      return 0;
    },
  },
  'district import': {
    usage: 'district import <文件.json>',
    positional: 'file',
    summary: [
      '把 district export 的文件导入本数据库（一个事务；有任何问题则不写入）',
      'import a district export into this database (one transaction; nothing written on any problem)',
    ],
    options: { file: ['district export 写出的文件', 'the file district export wrote'] },
    async run(args, io, db) {
      const file = args.file?.trim();
      if (!file) {
        io.err(say('需要文件', 'a file is required'));
        return 2;
      }
      let dump: DistrictDump;
      try {
        dump = JSON.parse(await readFile(file, 'utf8')) as DistrictDump;
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        io.err(say(`无法读取 ${file}（${reason}）`, `cannot read ${file} (${reason})`));
        return 1;
      }
      try {
        const { rows } = await loadDistrict(db, dump, progress(io, ['导入', 'loading']));
        io.out(
          say(
            `已导入 ${dump.districtName ?? dump.districtId}：${rows} 行`,
            `imported ${dump.districtName ?? dump.districtId}: ${rows} rows`,
          ),
        );
        return 0;
      } catch (error) {
        if (!(error instanceof DistrictDumpRefused)) throw error;
        io.err(refusal(error));
        return 1;
      }
    },
  },
};
