import { Migration } from '@mikro-orm/migrations';

/**
 * One number for "what the public can read": raised once by every transaction that writes a report,
 * an agency or a region (imports, corrections, publication, deletion, the CLI, plain SQL alike), at
 * commit time (a deferred trigger), and announced with NOTIFY, which PostgreSQL delivers only on
 * commit. Response caches key their answers by it (src/store/data-version.ts). The row lock is taken
 * last, just before commit, so writes wait on each other only for that instant and it cannot take
 * part in a deadlock with the locks taken before.
 */
export class Migration20261206070136_data_version extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "data_version" ("id" smallint not null, "version" bigint not null, constraint "data_version_pkey" primary key ("id"));`);
    this.addSql(`insert into "data_version" ("id", "version") values (1, 1);`);
    this.addSql(`create function nianbao_data_changed() returns trigger language plpgsql as $$
declare
  raised bigint;
begin
  if current_setting('nianbao.data_version_raised', true) = 'on' then
    return null;
  end if;
  perform set_config('nianbao.data_version_raised', 'on', true);
  update data_version set version = version + 1 where id = 1 returning version into raised;
  perform pg_notify('nianbao_data_version', raised::text);
  return null;
end
$$;`);
    for (const table of ['report', 'agency', 'region']) {
      this.addSql(`create constraint trigger "${table}_data_version" after insert or update or delete on "${table}" deferrable initially deferred for each row execute function nianbao_data_changed();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['report', 'agency', 'region']) this.addSql(`drop trigger "${table}_data_version" on "${table}";`);
    this.addSql(`drop function nianbao_data_changed();`);
    this.addSql(`drop table "data_version";`);
  }

}
