import { AGENCY_KINDS, AGENCY_LEVELS } from '../../store/entities/index.js';
import type { AgencyView } from '../../store/reports/views.js';
import { builder } from '../builder.js';
import { loadAll } from '../loaders.js';

export const AgencyLevelEnum = builder.enumType('AgencyLevel', {
  description: 'Administrative level of the issuing organ.',
  values: {
    NATIONAL: { value: AGENCY_LEVELS[0], description: '国家级 (State Council departments).' },
    PROVINCIAL: { value: AGENCY_LEVELS[1], description: '省级.' },
    PREFECTURAL: { value: AGENCY_LEVELS[2], description: '地市级.' },
    COUNTY: { value: AGENCY_LEVELS[3], description: '县级 (counties, county-level cities, districts).' },
    TOWNSHIP: { value: AGENCY_LEVELS[4], description: '乡镇、街道.' },
  },
});

export const AgencyKindEnum = builder.enumType('AgencyKind', {
  description: 'A people’s government itself, or one of its departments.',
  values: {
    GOVERNMENT: { value: AGENCY_KINDS[0], description: '人民政府 (or its office, 管委会).' },
    DEPARTMENT: { value: AGENCY_KINDS[1], description: 'A department: 委、办、厅、局….' },
  },
});

const AgencyContact = builder.simpleObject('AgencyContact', {
  description: 'Contact details the agency prints in its report (usually in part 六 or at the end).',
  fields: (t) => ({
    address: t.string({ nullable: true, description: '地址.' }),
    postcode: t.string({ nullable: true, description: '邮编.' }),
    phone: t.string({ nullable: true, description: '电话.' }),
    fax: t.string({ nullable: true, description: '传真.' }),
    email: t.string({ nullable: true, description: '电子邮箱.' }),
    website: t.string({ nullable: true, description: '网址.' }),
  }),
});

export const Agency = builder.objectRef<AgencyView>('Agency');

builder.node(Agency, {
  description: 'An issuing organ (发布机关): a people’s government or one of its departments.',
  id: { resolve: (a) => a.id, description: 'Global ID of the agency.' },
  loadMany: (ids, ctx) => loadAll((id) => ctx.loaders.agency(id), ids),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name, e.g. 枣庄市山亭区人民政府.' }),
    aliases: t.field({
      type: ['String'],
      description: 'Other names it is known by: what its name holds in brackets (市科委), and names its reports were imported or merged under. Imports find the agency by any of them.',
      resolve: (a, _args, ctx) => ctx.loaders.agencyAliases(a.id),
    }),
    regionCode: t.exposeString('regionCode', { nullable: true, description: 'GB/T 2260 six-digit code of its administrative region.' }),
    regionName: t.exposeString('regionName', { nullable: true, description: 'Name of its administrative region, e.g. 山东省枣庄市山亭区.' }),
    level: t.expose('level', { type: AgencyLevelEnum, nullable: true, description: 'Administrative level.' }),
    kind: t.expose('kind', { type: AgencyKindEnum, nullable: true, description: 'Government or department.' }),
    parent: t.field({
      type: Agency,
      nullable: true,
      description: 'The government this department belongs to, when known.',
      resolve: (a, _args, ctx) => (a.parentId ? ctx.loaders.agency(a.parentId) : null),
    }),
    contact: t.field({
      type: AgencyContact,
      description: 'Contact details printed in its reports.',
      resolve: (a) => ({ address: a.address, postcode: a.postcode, phone: a.phone, fax: a.fax, email: a.email, website: a.website }),
    }),
  }),
});
