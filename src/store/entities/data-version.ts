/**
 * The data version (one row): raised at the commit of every transaction that writes what the public
 * reads, and announced on the channel nianbao_data_version (see its migration and
 * src/store/data-version.ts). Written only by its trigger, never through the ORM.
 */
import { EntitySchema } from '@mikro-orm/core';

export interface DataVersion {
  id: number;
  version: string;
}

export const DataVersionSchema = new EntitySchema<DataVersion>({
  name: 'DataVersion',
  tableName: 'data_version',
  properties: {
    id: { type: 'smallint', primary: true, autoincrement: false },
    version: { type: 'bigint' },
  },
});
