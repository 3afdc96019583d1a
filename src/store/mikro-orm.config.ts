// For the MikroORM CLI (`npm run migration:create`): the same config the service uses.
import { ormConfig } from './orm.js';

export default ormConfig({ databaseUrl: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/nianbao_dev', writeSnapshot: true });
