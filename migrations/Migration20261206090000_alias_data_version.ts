import { Migration } from '@mikro-orm/migrations';

/**
 * An agency's other names are public (`agencies { aliases }`, and an import resolves by them): a
 * transaction that only adds one (a re-import under a new name, nothing else changed) raises the
 * data version too, so cached answers that list the names are retired.
 */
export class Migration20261206090000_alias_data_version extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create constraint trigger "agency_alias_data_version" after insert or update or delete on "agency_alias" deferrable initially deferred for each row execute function nianbao_data_changed();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "agency_alias_data_version" on "agency_alias";`);
  }

}
